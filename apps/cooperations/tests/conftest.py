"""Cooperation fixtures: anna and ben cooperate (the root conftest's ``cooperation``);
carla is outside. The steps of the loop are in ``tests.factories``."""

import pytest

from apps.accounts.models import User
from apps.cooperations import services
from apps.cooperations.models import Cooperation, FitCheck
from tests.factories import answers


@pytest.fixture
def revealed(cooperation: Cooperation, anna: User, ben: User) -> FitCheck:
    fit_check = services.fit_check_start(cooperation=cooperation, user=anna)
    services.fit_check_answer(fit_check=fit_check, user=anna, data=answers())
    services.fit_check_answer(fit_check=fit_check, user=ben, data=answers(hours_per_month=4))
    fit_check.refresh_from_db()
    return fit_check
