"""Translation engines behind one interface; see :class:`~.base.Engine`."""
from .base import Engine, load_engines

__all__ = ["Engine", "load_engines"]
