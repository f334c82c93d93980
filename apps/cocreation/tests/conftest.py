import pytest

from apps.accounts.models import User
from apps.cocreation import services
from apps.cocreation.models import Circle


def add_member(circle: Circle, user: User, *, by: User) -> None:
    request = services.join_request_create(
        circle=circle, user=user, message="Ich möchte mitmachen.", accept_norms=True
    )
    services.join_request_decide(join_request=request, user=by, accept=True)


@pytest.fixture
def circle(anna: User, ben: User) -> Circle:
    """Anna's circle; Ben is a member, Carla is outside."""
    created = services.circle_create(
        founder=anna, name="Trainerkreis", purpose="Austausch", norms="Vertraulich."
    )
    add_member(created, ben, by=anna)
    return created
