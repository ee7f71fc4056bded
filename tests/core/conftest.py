import signal

import pytest


@pytest.fixture
def own_signal_handlers():
    """Puts back the SIGINT and SIGTERM handlers that `serai serve` replaces."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)
