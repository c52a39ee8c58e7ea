"""The studio with a full current-API (GA) config already in the draft, as a designer's session looks mid-work.

Browser figures use it so the editor they time has every section filled in. It runs the
real ``app.py``; the ``pages`` link beside this file lets app.py's relative page paths resolve.
"""

import os
import runpy
import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import ga_config  # noqa: E402

if "draft" not in st.session_state:
    st.session_state["draft"] = ga_config(functions=int(os.environ.get("BENCH_FUNCTIONS", "3")))
runpy.run_path(str(ROOT / "app.py"))
