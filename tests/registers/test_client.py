"""The register HTTP client against a local stub server (http.server in a thread), and the recorded client."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from programmes.registers.client import (
    HttpClient,
    RecordedClient,
    RegisterHttpError,
    RegisterNotFound,
    recorded_name,
    retry_after_seconds,
)


class Stub:
    """Answers each request with the next planned (status, headers, body, delay); records what it was asked."""

    def __init__(self) -> None:
        self.plan: list[tuple[int, dict[str, str], bytes, float]] = []
        self.requests: list[dict[str, str]] = []
        self.paths: list[str] = []
        self.bodies: list[bytes] = []


@pytest.fixture
def stub() -> Iterator[tuple[Stub, str]]:
    state = Stub()

    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            state.bodies.append(self.rfile.read(length) if length else b"")
            state.requests.append(dict(self.headers))
            state.paths.append(self.path)
            status, headers, body, delay = (
                state.plan.pop(0) if state.plan else (500, {}, b"", 0)
            )
            if delay:
                threading.Event().wait(delay)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = answer
        do_POST = answer

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def json_answer(
    data: object, status: int = 200
) -> tuple[int, dict[str, str], bytes, float]:
    return (
        status,
        {"Content-Type": "application/json; charset=utf-8"},
        json.dumps(data).encode(),
        0,
    )


def quick_client(**kwargs: object) -> tuple[HttpClient, list[float]]:
    waits: list[float] = []
    options = {
        "timeout": 2.0,
        "attempts": 3,
        "backoff": 0.5,
        "sleep": waits.append,
        **kwargs,
    }
    return HttpClient(**options), waits  # type: ignore[arg-type]


def test_the_client_retries_a_server_error_with_growing_waits_then_succeeds(stub):
    state, base = stub
    state.plan = [(503, {}, b"busy", 0), (502, {}, b"", 0), json_answer({"hits": []})]
    client, waits = quick_client()
    assert client.get_json(
        f"{base}/search", {"keyword": "akku", "sijainti": ["kunta_564", "kunta_205"]}
    ) == {"hits": []}
    assert waits == [0.5, 1.0]
    assert state.paths[-1] == "/search?keyword=akku&sijainti=kunta_564%2Ckunta_205"


def test_the_client_gives_up_after_its_tries_and_says_so(stub):
    state, base = stub
    state.plan = [(500, {}, b"", 0)] * 3
    client, waits = quick_client()
    with pytest.raises(RegisterHttpError) as error:
        client.get_json(f"{base}/koulutus/1")
    assert len(state.paths) == 3
    assert len(waits) == 2
    assert error.value.status == 500
    assert "HTTP 500" in str(error.value) and "3" in str(error.value)


def test_the_client_honours_retry_after_of_a_429_up_to_its_cap(stub):
    state, base = stub
    state.plan = [
        (429, {"Retry-After": "7"}, b"", 0),
        (429, {"Retry-After": "3600"}, b"", 0),
        json_answer([1]),
    ]
    client, waits = quick_client(max_wait=30.0)
    assert client.get_json(f"{base}/x") == [1]
    assert waits == [7.0, 30.0]


def test_the_client_does_not_retry_a_client_error(stub):
    state, base = stub
    state.plan = [(400, {}, b"bad", 0), json_answer({})]
    client, waits = quick_client()
    with pytest.raises(RegisterHttpError) as error:
        client.get_json(f"{base}/x")
    assert error.value.status == 400
    assert len(state.paths) == 1 and waits == []


def test_a_404_is_a_not_found_without_retry(stub):
    state, base = stub
    state.plan = [(404, {}, b"Not found", 0)]
    client, waits = quick_client()
    with pytest.raises(RegisterNotFound):
        client.get_json(f"{base}/koulutus/1.2.246.562.13.1")
    assert len(state.paths) == 1 and waits == []


def test_a_slow_answer_times_out_and_is_retried(stub):
    state, base = stub
    state.plan = [(200, {}, b"{}", 1.0), json_answer({"ok": True})]
    client, waits = quick_client(timeout=0.2)
    assert client.get_json(f"{base}/slow") == {"ok": True}
    assert waits == [0.5]


def test_a_timeout_on_every_try_is_a_clear_error(stub):
    state, base = stub
    state.plan = [(200, {}, b"{}", 1.0)] * 2
    client, _waits = quick_client(timeout=0.2, attempts=2)
    with pytest.raises(RegisterHttpError) as error:
        client.get_json(f"{base}/slow")
    assert "0.2" in str(error.value)


def test_the_client_names_the_portal_in_its_user_agent_and_asks_for_json(
    stub, settings
):
    settings.PORTAL_URL = "https://map.example.org"
    state, base = stub
    state.plan = [json_answer({})]
    client, _waits = quick_client()
    client.get_json(f"{base}/x")
    agent = state.requests[0]["User-Agent"]
    assert agent.startswith("BatteryRegionEducationMap/")
    assert agent.endswith("(+https://map.example.org)")
    assert state.requests[0]["Accept"] == "application/json"


def test_the_client_posts_json_and_reads_text_in_the_answer_charset(stub):
    state, base = stub
    state.plan = [
        json_answer({"id": 1}),
        (
            200,
            {"Content-Type": "text/csv; charset=iso-8859-1"},
            "namn;ort\nBatteriteknik;Skellefteå\n".encode("latin-1"),
            0,
        ),
    ]
    client, _waits = quick_client()
    assert client.post_json(f"{base}/query", {"q": "batteri"}) == {"id": 1}
    assert json.loads(state.bodies[0]) == {"q": "batteri"}
    assert state.requests[0]["Content-Type"] == "application/json"
    assert (
        client.get_text(f"{base}/open-data.csv")
        == "namn;ort\nBatteriteknik;Skellefteå\n"
    )


def test_an_answer_that_is_not_json_is_a_clear_error(stub):
    state, base = stub
    state.plan = [(200, {"Content-Type": "text/html"}, b"<html>maintenance</html>", 0)]
    client, _waits = quick_client()
    with pytest.raises(RegisterHttpError, match="not JSON"):
        client.get_json(f"{base}/x")


def test_a_refused_connection_is_retried_then_reported():
    waits: list[float] = []
    client = HttpClient(timeout=1.0, attempts=2, backoff=0.1, sleep=waits.append)
    with pytest.raises(RegisterHttpError, match="connection failed"):
        client.get_json("http://127.0.0.1:9/nothing-listens-here")
    assert waits == [0.1]


def test_retry_after_reads_seconds_and_http_dates():
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # long past
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_recorded_names_follow_the_documented_rule():
    name = recorded_name(
        "https://opintopolku.fi/konfo-backend/external/search/toteutukset-koulutuksittain",
        {"size": 50, "keyword": "akku", "sijainti": ["kunta_564"], "page": 1},
    )
    assert name == (
        "opintopolku.fi_konfo-backend_external_search_toteutukset-koulutuksittain"
        "__keyword_akku_page_1_sijainti_kunta_564_size_50.json"
    )
    long = recorded_name("https://example.org/x", {"q": "a" * 300})
    assert len(long) == 160 + 1 + 16 + len(".json")


def test_the_recorded_client_answers_from_files_and_a_missing_file_is_not_found(
    tmp_path,
):
    (tmp_path / recorded_name("https://example.org/a", {"b": 1})).write_text(
        '{"c": 2}', encoding="utf-8"
    )
    (tmp_path / recorded_name("https://example.org/t", None, suffix=".txt")).write_text(
        "x;y", encoding="utf-8"
    )
    client = RecordedClient(tmp_path)
    assert client.get_json("https://example.org/a", {"b": 1}) == {"c": 2}
    assert client.get_text("https://example.org/t") == "x;y"
    with pytest.raises(RegisterNotFound):
        client.get_json("https://example.org/missing")
