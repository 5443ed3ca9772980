"""A bare Streamlit twin of osteoscreen, the floor that benchmarks/load.py measures against.

Same screens and the same widgets per step (the questions come from the same rule
file, read with tomllib only), with the same widget keys (`who_self`, `nav_next`,
...), but none of osteoscreen's work: no engine, no answer checks, no styles, no
chart, no exports (the download buttons hand back fixed bytes). Its imports are
Streamlit's alone, so its heap is Streamlit's floor.

Run: streamlit run benchmarks/twin.py   (OSTEOSCREEN_RULES picks another rule file)
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import streamlit as st

RULES = Path(
    os.environ.get("OSTEOSCREEN_RULES")
    or Path(__file__).resolve().parent.parent / "rules" / "osteoporosis.toml"
)


@st.cache_resource
def rules() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(RULES.read_text(encoding="utf-8"))
    return data


def text(value: Any) -> str:
    """A wording: plain, or {self, caregiver} (the twin always shows `self`)."""
    return str(value.get("self", "")) if isinstance(value, dict) else str(value)


def holds(cond: dict[str, Any] | None, answers: dict[str, Any]) -> bool:
    """The rule file's conditions, in a few lines (enough to show the same questions)."""
    if cond is None:
        return True
    if "all" in cond:
        return all(holds(c, answers) for c in cond["all"])
    if "any" in cond:
        return any(holds(c, answers) for c in cond["any"])
    if "not" in cond:
        return not holds(cond["not"], answers)
    got, op, want = answers.get(cond["question"]), cond["op"], cond.get("value")
    if got is None:
        return False
    tests = {
        "eq": lambda: got == want,
        "ne": lambda: got != want,
        "in": lambda: got in want,
        "includes": lambda: isinstance(got, list) and want in got,
        "gte": lambda: got >= want,
        "gt": lambda: got > want,
        "lte": lambda: got <= want,
        "lt": lambda: got < want,
        "answered": lambda: True,
    }
    test = tests.get(op)
    return bool(test()) if test else True


def go(screen: str, step: int = 0) -> None:
    st.session_state["screen"] = screen
    st.session_state["step"] = step


def store(qid: str, key: str) -> None:
    value = st.session_state.get(key)
    if value is None or value == []:
        st.session_state["answers"].pop(qid, None)
    else:
        st.session_state["answers"][qid] = value


def store_multi(q: dict[str, Any]) -> None:
    picked = [o["value"] for o in q["options"] if st.session_state.get(f"q_{q['id']}_{o['value']}")]
    st.session_state["answers"][q["id"]] = picked


def question(q: dict[str, Any]) -> None:
    answers = st.session_state["answers"]
    kind, qid = q["kind"], q["id"]
    label = text(q["text"])
    if kind == "choice":
        values = [o["value"] for o in q["options"]]
        names = {o["value"]: text(o["label"]) for o in q["options"]}
        current = answers.get(qid)
        st.radio(
            label,
            values,
            index=values.index(current) if current in values else None,
            format_func=names.__getitem__,
            key=f"q_{qid}",
            on_change=store,
            args=(qid, f"q_{qid}"),
        )
    elif kind == "multi_choice":
        st.markdown(f"**{label}**")
        for o in q["options"]:
            st.checkbox(
                text(o["label"]),
                value=o["value"] in answers.get(qid, []),
                key=f"q_{qid}_{o['value']}",
                on_change=store_multi,
                args=(q,),
            )
    elif kind == "integer" and q["max"] - q["min"] <= 200:
        # osteoscreen's touch picker: a range of ten, then the exact number.
        low, high = int(q["min"]), int(q["max"])
        starts = [low, *range((low // 10 + 1) * 10, high + 1, 10)]
        ranges = {f"{a}–{min(high, (a // 10) * 10 + 9)}": a for a in starts}
        st.markdown(f"**{label}**")
        picked = st.pills("Range", list(ranges), key=f"q_{qid}_range")
        if picked is not None:
            a = ranges[picked]
            st.pills(
                "Exact",
                list(range(a, min(high, (a // 10) * 10 + 9) + 1)),
                key=f"q_{qid}_{a}",
                on_change=store,
                args=(qid, f"q_{qid}_{a}"),
            )
    else:  # any other number: a number input
        st.number_input(
            label,
            min_value=q.get("min"),
            max_value=q.get("max"),
            value=answers.get(qid),
            key=f"q_{qid}",
            on_change=store,
            args=(qid, f"q_{qid}"),
        )
    st.markdown(f"*Why we ask:* {text(q.get('why', ''))}")


def main() -> None:
    data = rules()
    st.set_page_config(page_title=data["meta"]["title"])
    ss = st.session_state
    ss.setdefault("answers", {})
    ss.setdefault("screen", "welcome")
    ss.setdefault("step", 0)
    screen = ss["screen"]
    sections = data["sections"]
    if screen != "welcome":
        st.button("Start over", key="start_over", on_click=lambda: ss.clear())
    if screen == "welcome":
        st.title(data["meta"]["title"])
        st.write(text(data["ui"]["welcome_intro"]))
        st.button("Me", key="who_self", on_click=go, args=("questions", 0))
        st.button("Someone I care for", key="who_caregiver", on_click=go, args=("questions", 0))
    elif screen == "questions":
        step = ss["step"]
        section = sections[step]
        st.progress((step + 1) / len(sections), text=f"Step {step + 1} of {len(sections)}")
        st.header(text(section["title"]))
        for q in data["questions"]:
            if q["section"] == section["id"] and holds(q.get("asked_when"), ss["answers"]):
                with st.container(border=True, key=f"box_{q['id']}"):
                    question(q)
        last = step + 1 == len(sections)
        st.button("Back", key="nav_back", on_click=go, args=("questions", max(step - 1, 0)))
        st.button(
            "Next",
            key="nav_next",
            on_click=go,
            args=("results",) if last else ("questions", step + 1),
        )
    elif screen == "results":
        st.title("Your results")
        st.markdown("\n".join(f"- {k}: {v}" for k, v in ss["answers"].items()))
        st.button("Back", key="nav_back", on_click=go, args=("questions", len(sections) - 1))
        st.button("Next", key="nav_next", on_click=go, args=("summary",))
    else:
        st.title("Talk to your doctor")
        st.markdown("\n".join(f"1. {k}" for k in ss["answers"]))
        st.download_button("PDF", data=lambda: b"%PDF", file_name="s.pdf", on_click="ignore")
        st.download_button("FHIR", data=lambda: b"{}", file_name="s.json", on_click="ignore")
        st.button("Back", key="nav_back", on_click=go, args=("results",))


main()
