"""The one change signal: sent after an Action's transaction commits."""
from django.dispatch import Signal

# sender=the Action's class, action=<Action>, keys=[article primary keys whose pages change]
changed = Signal()
# Sent inside an Action's transaction, after it is audited (counts kept with the change itself):
# sender=the Action's class, action=<Action>, before=the target's status before it ran (or None).
acted = Signal()
