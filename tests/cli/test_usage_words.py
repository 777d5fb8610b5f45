"""A usage error speaks the user's language all through: argparse's own words too."""

from __future__ import annotations

import re


def test_usage_errors_in_chinese_have_no_english_words(cli):
    for args, said in [
        (["init", "--village", "马家村"], "缺少必需的参数：--secretary"),
        (["tally", "--month"], "参数 --month：后面要跟一个值"),
        (["tally", "--month", "2026-11", "--format", "xx"], "参数 --format：不能是 'xx'"),
        (["tally", "--month", "2026-11", "--extra"], "不认识的参数：--extra"),
    ]:
        r = cli(*args, lang="zh")
        assert r.code == 2 and said in r.err, r.err
        error = r.err.splitlines()[-1]
        words = re.findall(r"[A-Za-z]{3,}", error.replace("--secretary", "").replace(
            "--month", "").replace("--format", "").replace("--extra", ""))
        assert set(words) <= {"table", "csv", "json", "xx"}, error
        assert r.err.startswith("用法：")


def test_usage_errors_in_english_stay_english(cli):
    r = cli("tally", "--month", "2026-11", "--format", "xx", lang="en")
    assert r.code == 2 and "invalid choice: 'xx'" in r.err and r.err.startswith("usage: ")
