"""Self-check of replies.jsonl (writer r83). Writes its report to stdout."""
import ast, json, collections, sys
P = '/work/corpus/replies/r83/replies.jsonl'
errors = []; n = 0
recs = []
for i, line in enumerate(open(P), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {i}: bad JSON {e}")
SANITY = {
 'run_length_encode': ("run_length_encode('aab')", [('a', 2), ('b', 1)]),
 'count_in_range': ("count_in_range([1, 2, 2, 5, 8], 2, 6)", 3),
 'trimmed_mean': ("trimmed_mean([1, 5, 6, 100], 1)", 5.5),
 'longest_common_run': ("longest_common_run('abcde', 'xbcdy')", 3),
 'RunningMean': ("(lambda r: (r.add(2), r.add(4)))(RunningMean())", (2.0, 3.0)),
 'common_indent': ("common_indent('  a\\n\\n    b')", 2),
}
ref_ns = {}
exec("from bisect import bisect_right\ndef insertion_index(sorted_nums, x):\n    return bisect_right(sorted_nums, x)", ref_ns)
keys = ["id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"]
ids = set()
for r in recs:
    rid = r.get('id'); n += 1
    for k in keys:
        if k not in r: errors.append(f"{rid}: missing {k}")
    if rid in ids: errors.append(f"{rid}: duplicate id")
    ids.add(rid)
    if '{{' in r['prompt']: errors.append(f"{rid}: unrendered slot")
    e = r['expected']
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']:
        errors.append(f"{rid}: expected flags differ from top-level")
    if (r['finish_reason'] == 'length') != r['truncated']:
        errors.append(f"{rid}: finish_reason/truncated mismatch")
    t = r['template']
    if not r['usable']:
        continue
    try:
        if t == 'candidate_code':
            ast.parse(e['code'])
            ns = {}; exec(e['code'], ns)
            name = next(k for k in SANITY if k in ns)
            call, want = SANITY[name]
            got = eval(call, ns)
            if got != want: errors.append(f"{rid}: sanity {call} -> {got!r}, want {want!r}")
            exec(e['code'], ref_ns)
        elif t == 'candidate_tests':
            for s in e['tests']:
                ast.parse(s)
                if not s.startswith('assert '): errors.append(f"{rid}: not an assert: {s}")
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            if eval(e['answer']) != eval(r['returned']): errors.append(f"{rid}: answer {e['answer']} != {r['returned']}")
            ns = {}; exec(r['code'], ns)
            if repr(eval(r['call'], ns)) != r['returned']: errors.append(f"{rid}: call does not give returned")
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            if repr(eval(e['answer'], ns)) != r['returned']: errors.append(f"{rid}: backward answer gives wrong value")
        elif t == 'signature':
            assert e['line'].startswith(('Function: ', 'Class: ')) and e['name'] in e['line']
        elif t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"} and c['difficulty'] in ('easy','medium','hard')
                assert c['keyphrase'] in r['prompt'], c['keyphrase']
        elif t == 'instructions':
            for it in e['instructions']:
                assert it['kind'] in ('function','class') and it['text'] in r['reply'] or r['mode'] == 'json_object'
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
        elif t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values())
                assert c['name'] in r['prompt'] or c['kind'] in ('return','branch','loop'), c
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__} {ex}")
# run the expected single-assert tests against reference implementations
for r in recs:
    if r['template'] == 'candidate_tests' and r['usable']:
        for s in r['expected']['tests']:
            try:
                exec(s, dict(ref_ns))
            except Exception as ex:
                errors.append(f"{r['id']}: test fails on reference: {s} ({type(ex).__name__})")
cnt = lambda f: dict(sorted(collections.Counter(f(r) for r in recs).items()))
print(f"records: {n}")
print("per template:", cnt(lambda r: r['template']))
print("per family:", cnt(lambda r: r['family']))
print("per mode:", cnt(lambda r: r['mode']))
print("truncated:", sum(r['truncated'] for r in recs), " unusable:", sum(not r['usable'] for r in recs))
fams = collections.defaultdict(set)
for r in recs: fams[r['template']].add(r['family'])
for t, f in sorted(fams.items()):
    if len(f) < 5: errors.append(f"{t}: only {len(f)} families")
print("families per template:", {t: len(f) for t, f in sorted(fams.items())})
print(f"errors: {len(errors)}")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
