"""seed-selfeval-onto with --check (NAME.args): the merged department-year checked as
`jixiao check` would, each problem at its place — the cell of the workbook for what the
form gave (the actual changed, the indicators added), the line of the seed file for the
rest."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "seed-selfeval-edited.py"), run_name="__main__")
