"""Typing a product's name in its closed box chooses that product, never each letter's (issue 28)."""

from __future__ import annotations

TYPED_NAMES = [  # (the product shown, what is typed, the product it must land on)
    ("octagam-10", "Octagam 10", "octagam-10"),  # the product shown is kept
    ("octagam-10", "Octagam 5", "octagam-5"),
    ("octagam-5", "Octagam 10", "octagam-10"),
    ("octagam-10", "intratect", "intratect-50"),
    ("octagam-10", "Flebogamma DIF 10", "flebogamma-dif-10"),
    ("octagam-10", "zzz", "octagam-10"),  # nothing named so: nothing changes
]


def test_typing_a_product_name_lands_on_that_product(window, qtbot, monkeypatch):
    from ivigdesk.ui import qt_type_ahead

    clock = [100.0]  # the letters of one name are typed together; a pause comes before the next
    monkeypatch.setattr(qt_type_ahead, "_now", lambda: clock[0])
    product = window.inputs.product_rates.product
    ids = [product.itemData(i) for i in range(product.count())]
    for shown, typed, lands_on in TYPED_NAMES:
        assert shown in ids and lands_on in ids, ids
        product.setCurrentIndex(product.findData(shown))
        product.setFocus()
        clock[0] += 10  # a pause: the next letters start a new name
        seen: list[str] = []
        product.currentIndexChanged.connect(lambda i, seen=seen: seen.append(product.itemData(i)))
        qtbot.keyClicks(product, typed)
        assert product.currentData() == lands_on, typed
        if shown == lands_on:
            assert seen == [], f"{typed!r} passed through {seen}"  # the product shown never changes on the way


def test_typing_slowly_starts_a_new_name(window, qtbot, monkeypatch):
    from ivigdesk.ui import qt_type_ahead

    product = window.inputs.product_rates.product
    product.setCurrentIndex(product.findData("octagam-10"))
    product.setFocus()
    clock = [100.0]
    monkeypatch.setattr(qt_type_ahead, "_now", lambda: clock[0])
    qtbot.keyClicks(product, "oct")
    clock[0] += 5
    qtbot.keyClicks(product, "priv")
    assert product.currentData() == "privigen"
