"""The edits of seed-selfeval-edited.py imported onto the seed file itself (--onto, in
NAME.args): they land in the full department-year, and the rest of it — profile, work,
finance, analyses, each indicator's `describes` — is kept."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed-selfeval-edited.py"), run_name="__main__")
