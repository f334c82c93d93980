"""The overlap benchmark's lists have exactly the overlap it claims, and its
parallel run of both parties counts it."""

from apps.datapool import psi
from bench import psi as bench


def test_the_synthetic_lists_share_exactly_the_stated_number_of_customers():
    list_a, list_b = bench.synthetic_lists(500, 123, seed=3)
    a, b = set(psi.distinct_addresses(list_a)), set(psi.distinct_addresses(list_b))
    assert len(a) == len(b) == 500
    assert len(a & b) == 123


def test_the_parallel_parties_count_the_true_overlap(capsys):
    assert bench.main(["--customers", "400", "--overlap", "0.25", "--workers", "2"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("seconds=") and "overlap=100 true_overlap=100" in last
