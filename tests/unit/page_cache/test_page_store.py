"""A process's cached pages stay within their byte budget, the least recently used dropped first."""
from datetime import datetime

from hoering.page_cache.pages import CachedPage, PageStore

MOMENT = datetime(2026, 12, 6, 12)


def page(size: int) -> CachedPage:
    return CachedPage((1, MOMENT), MOMENT, MOMENT, "text/html", b"x" * size, "etag")


def test_the_least_recently_used_page_goes_first_when_the_budget_is_full():
    store = PageStore(budget=300)
    store.put("a", page(100))
    store.put("b", page(100))
    store.put("c", page(100))
    assert store.get("a") is not None  # now the most recently used
    store.put("d", page(100))
    assert store.get("b") is None
    assert [store.get(k) is not None for k in "acd"] == [True, True, True]


def test_a_page_put_again_is_counted_once_and_a_page_over_budget_is_not_kept():
    store = PageStore(budget=250)
    for _ in range(5):
        store.put("a", page(100))
    store.put("b", page(100))
    assert len(store.copies()) == 2
    store.put("huge", page(1000))
    assert store.copies() == []
