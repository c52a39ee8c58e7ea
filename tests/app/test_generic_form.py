"""The renderer draws any pydantic model: proven here on a pizza order, nothing Realtime about it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.app.conftest import widget_keys


def pizza_app() -> None:
    from typing import Annotated, Literal

    import streamlit as st
    from pydantic import BaseModel, ConfigDict, Field

    from form.hints import UI
    from form.messages import validate
    from form.render import FormCtx, render_form

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

    class Delivery(Strict):
        kind: Literal["delivery"]
        address: str = Field(title="Address")
        tip: Annotated[float, Field(ge=0, le=20), UI(step=0.5)] = 2.0

    class Pickup(Strict):
        kind: Literal["pickup"]
        minutes: Annotated[int, Field(ge=5)] = 15

    class Topping(Strict):
        name: str
        extra: bool = False

    class Pizza(Strict):
        size: Annotated[Literal["small", "medium", "large"], UI(section="Pizza")] = "medium"
        crust: Annotated[Literal["thin", "thick"] | str, UI(section="Pizza")] = "thin"
        spiciness: Annotated[float, Field(ge=0, le=1), UI(section="Pizza")] = 0.2
        toppings: Annotated[list[Topping], UI(section="Pizza", summary="name")] = []
        notes: Annotated[dict[str, str] | None, UI(section="Order")] = None
        handover: Annotated[
            Annotated[Delivery | Pickup, Field(discriminator="kind")] | None, UI(section="Order", null_label="Eat in")
        ] = None

    st.session_state.setdefault("order", {})
    pizza, problems = validate(Pizza, st.session_state["order"])
    render_form(FormCtx(st.session_state, "order", "p", problems), Pizza)
    st.code("valid" if pizza is not None else "invalid")


def test_renderer_draws_an_unrelated_model_and_edits_its_draft():
    at = AppTest.from_function(pizza_app, default_timeout=30).run()
    assert not at.exception
    keys = widget_keys(at)
    assert {"p.size", "p.crust:pick", "p.spiciness:slider", "p.toppings:add", "p.notes:presence",
            "p.handover:presence"} <= keys
    assert at.radio(key="p.handover:presence").options == ["Not set", "Eat in", "delivery", "pickup"]
    at.radio(key="p.size").set_value("large").run()
    at.slider(key="p.spiciness:slider").set_value(0.8).run()
    at.radio(key="p.handover:presence").set_value("delivery").run()
    assert at.code[-1].value == "invalid"  # the address is required
    at.text_input(key="p.handover.address").input("1 Main St").run()
    at.button(key="p.toppings:add").click().run()
    at.text_input(key="p.toppings.0.name").input("basil").run()
    assert at.session_state["order"] == {
        "size": "large",
        "spiciness": 0.8,
        "handover": {"kind": "delivery", "address": "1 Main St"},
        "toppings": [{"name": "basil"}],
    }
    assert at.code[-1].value == "valid"
    at.radio(key="p.handover:presence").set_value("pickup").run()
    at.radio(key="p.handover:presence").set_value("delivery").run()
    assert at.session_state["order"]["handover"] == {"kind": "delivery", "address": "1 Main St"}
