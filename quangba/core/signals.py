"""The one change signal: sent after an Action's transaction commits."""
from django.dispatch import Signal

# sender=the Action's class, action=<Action>, keys=[article primary keys whose pages change]
changed = Signal()
