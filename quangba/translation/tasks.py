"""The translation task: one (article, language) per task, primary key only."""
from django_tasks import task

from .service import run_translation


@task()
def translate(translation_id: int) -> str:
    return run_translation(translation_id)
