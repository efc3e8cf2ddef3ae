"""Blocking checks of Stage A: candidate code and tests are well-formed records, rejected within bounds."""

from vcot_assets.defs.check_factories import record_checks_for

candidate_code_checks = record_checks_for("candidate_code")
candidate_tests_checks = record_checks_for("candidate_tests")
