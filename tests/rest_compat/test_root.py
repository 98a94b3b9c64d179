async def test_api_root_answers_like_zou(client):
    r = await client.get("/api/")
    assert r.status_code == 200
    assert r.json() == {"api": "Zou", "version": "1.0.97"}
    assert r.headers["x-content-type-options"] == "nosniff"


async def test_unknown_route_is_zou_404(client):
    r = await client.get("/api/data/no-such-thing")
    assert r.status_code == 404
    assert r.json()["error"] is True
    assert r.json()["message"].startswith("404 Not Found")
