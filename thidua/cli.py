"""The `thidua` console script.

`thidua score` and `thidua eligibility` run the pure engines without starting Django (Django with
Wagtail takes over a second to start; the engines' contracts in docs/contracts/ need less). Every
other subcommand is a Django management command: `thidua migrate`, `thidua demo_load`, …
"""

from __future__ import annotations

import os
import sys

ENGINE_COMMANDS = {
    "score": (
        "thidua.emulation.scoring.cli",
        "Chấm điểm giao ước thi đua từ tệp JSON (docs/contracts/scoring.md)",
    ),
    "eligibility": (
        "thidua.awards.eligibility.cli",
        "Xét điều kiện danh hiệu thi đua, hình thức khen thưởng từ tệp JSON (docs/contracts/eligibility.md)",
    ),
}

HELP = """Thi đua – công cụ dòng lệnh / command-line tool

Cách dùng / usage: thidua <lệnh> [tham số]

Công cụ tính toán (không cần cơ sở dữ liệu) / engines (no database needed):
{engines}

Lệnh quản trị Django / Django management commands:
  thidua help                 liệt kê mọi lệnh / list every command
  thidua migrate              cập nhật cơ sở dữ liệu / migrate the database
  thidua demo_load            nạp dữ liệu minh họa / load the demo data
  thidua org_load_units       nạp đơn vị hành chính và lịch sử sáp nhập / load units and lineage
  thidua runserver            máy chủ phát triển / development server
  thidua db_worker            tiến trình chạy tác vụ nền / background task worker
  thidua backup [TỆP]         sao lưu cơ sở dữ liệu và tệp / back up the database and files
  thidua restore TỆP --yes    khôi phục từ bản sao lưu / restore a backup (docs/operations.md)
  thidua jobs_reap            báo thất bại tác vụ nền bị gián đoạn / fail jobs whose worker died
  thidua certificates_prune   xoá tệp bằng khen đã in quá hạn lưu giữ / remove old certificate files
"""


def _print_help() -> None:
    engines = "\n".join(f"  thidua {name:<19} {text}" for name, (_module, text) in ENGINE_COMMANDS.items())
    sys.stdout.write(HELP.format(engines=engines))


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        _print_help()
        return 0
    if argv[0] in ENGINE_COMMANDS:
        import importlib

        module = importlib.import_module(ENGINE_COMMANDS[argv[0]][0])
        return int(module.main(argv[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["thidua", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
