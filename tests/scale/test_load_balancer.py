"""deploy/nginx/cma-advisor.conf in front of the two Rasa servers and the action server,
its addresses swapped for loopback ones. Run by `make test-scale`."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from tests.e2e import free_port, say
from tests.scale.conversation import WALK_THROUGH, Server, text_of, tracker_events, turns
from tests.scale.services import private_nginx

CONF = PROJECT_ROOT / "deploy" / "nginx" / "cma-advisor.conf"


def loopback_conf(cluster, port: int, action_port: int) -> str:
    """The shipped file with each example address replaced; fails if one is not there any more."""
    rasa = [url.rsplit(":", 1)[1] for url in cluster.rasa_urls]
    actions = cluster.action_url.rsplit(":", 1)[1]
    swaps: list[tuple[str, str, int]] = [
        ("server 10.0.0.11:5005", f"server 127.0.0.1:{rasa[0]}", 2),
        ("server 10.0.0.12:5005", f"server 127.0.0.1:{rasa[1]}", 2),
        ("server 10.0.0.21:5055", f"server 127.0.0.1:{actions}", 1),
        ("server 10.0.0.22:5055", f"server 127.0.0.1:{actions}", 1),  # one action server plays both
        ("listen 10.0.0.20:5055;", f"listen 127.0.0.1:{action_port};", 1),
        ("listen 443 ssl;", f"listen 127.0.0.1:{port};", 1),  # plain HTTP on loopback, no certificate
        ("allow 10.0.0.0/8;", "allow 127.0.0.1;", 1),  # "the school's network" is 127.0.0.1 here
    ]
    text = CONF.read_text()
    for old, new, count in swaps:
        assert text.count(old) == count, f"{CONF.name} no longer has {count} x {old!r}"
        text = text.replace(old, new)
    return "\n".join(line for line in text.splitlines() if "ssl_certificate" not in line)


@pytest.fixture(scope="module")
def balancer(cluster, log_dir: Path) -> Iterator[dict[str, object]]:
    port, action_port = free_port(), free_port()
    with private_nginx(loopback_conf(cluster, port, action_port), port, log_dir / "nginx.log") as access_log:
        yield {"url": f"http://127.0.0.1:{port}", "actions": action_port, "log": access_log}


def upstreams(access_log: Path, path_part: str) -> list[str]:
    time.sleep(0.3)  # nginx writes its access log after the response
    return [line.split()[2] for line in access_log.read_text().splitlines() if path_part in line.split()[1]]


def get(port: int, path: str, source: str = "127.0.0.1") -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_a_conversation_through_the_load_balancer_uses_both_servers_and_keeps_its_state(cluster, balancer):
    front = Server(balancer["url"])
    for message, expected in WALK_THROUGH:
        assert expected in text_of(say(front, "via-nginx", message, timeout=60)), message
    stored = turns(tracker_events(cluster.tracker_url, "via-nginx"))
    assert [m for m, _ in stored] == [m for m, _ in WALK_THROUGH]
    used = upstreams(balancer["log"], "/webhooks/rest/")
    assert len(used) == len(WALK_THROUGH) and len(set(used)) == 2, f"both servers should answer: {used}"


def test_socketio_requests_of_one_visitor_stay_on_one_server(balancer):
    port = int(str(balancer["url"]).rsplit(":", 1)[1])
    for _ in range(4):
        status, body = get(port, "/socket.io/?EIO=4&transport=polling")
        assert status == 200 and b'"sid"' in body
    assert len(set(upstreams(balancer["log"], "/socket.io/"))) == 1


def test_the_rest_webhook_is_refused_outside_the_schools_network(balancer):
    port = int(str(balancer["url"]).rsplit(":", 1)[1])
    assert get(port, "/webhooks/rest/", source="127.0.0.2")[0] == 403
    assert get(port, "/webhooks/rest/", source="127.0.0.1")[0] != 403


def test_the_action_pool_address_reaches_an_action_server(balancer):
    status, body = get(int(balancer["actions"]), "/health")  # what ACTION_ENDPOINT_URL would point at
    assert status == 200 and json.loads(body) == {"status": "ok"}
