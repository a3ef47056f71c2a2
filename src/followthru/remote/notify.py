"""Notifications through Apprise URLs (ntfy, Telegram, Slack, Matrix, json:// webhooks …).

URLs carry tokens, so errors name the service's scheme, never the whole URL.
"""

from __future__ import annotations

from collections.abc import Sequence

from followthru.errors import ConfigError, DeliveryError


def _scheme(url: str) -> str:
    return url.split("://", 1)[0] + "://" if "://" in url else "a URL"


def send(urls: Sequence[str], *, title: str, body: str) -> None:
    """Deliver to every URL, or raise DeliveryError if any of them failed. Every URL is
    checked before the first is notified: a typo in one must not leave the others
    notified but unrecorded, to be notified again on the next run."""
    import apprise

    targets: list[tuple[str, apprise.Apprise]] = []
    for url in urls:
        target = apprise.Apprise()
        if not target.add(url):
            raise ConfigError(
                f"notify.urls holds a URL Apprise cannot use ({_scheme(url)}).",
                "See Apprise's list of services for the form each URL takes.",
            )
        targets.append((url, target))
    failed = [_scheme(url) for url, target in targets if not target.notify(title=title, body=body)]
    if failed:
        raise DeliveryError(
            f"The notification could not be delivered to {', '.join(failed)}.",
            "Check that the service is reachable and the URL in notify.urls is right.",
        )
