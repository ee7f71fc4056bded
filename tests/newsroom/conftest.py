import pytest

from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="chief", superuser=True)


@pytest.fixture
def editor_client(client, superuser):
    """A client signed in as a superuser (the back office, staff previews)."""
    client.force_login(superuser)
    return client
