"""Self-check for r42 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = '/work/corpus/replies/r42/replies.jsonl'
SANITY = {  # id -> list of (call, expected) run against expected.code
 'r42-candidate_code-01': [("compress_runs('aab')", [('a', 2), ('b', 1)]), ("compress_runs('')", [])],
 'r42-candidate_code-02': [("normalize_fraction(6, -8)", (-3, 4)), ("normalize_fraction(0, 5)", (0, 1))],
 'r42-candidate_code-03': [("(lambda t: [t.add(1), t.add(1), t.add(2)])(RunTracker())", [1, 2, 1])],
 'r42-candidate_code-04': [("low_median([1, 3, 5, 7])", 3), ("low_median([5, 1, 3])", 3)],
 'r42-candidate_code-05': [("dedent_lines(['    x', '      y', '  '])", ['x', '  y', ''])],
}
errors, notes = [], []
def err(i, m): errors.append(f"{i}: {m}")
rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"JSON parse error {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
ids = collections.Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
for r in rows:
    i, t, e = r.get('id'), r.get('template'), r.get('expected', {})
    miss = KEYS - set(r)
    if miss: err(i, f"missing keys {miss}")
    if '{{' in r['prompt']: err(i, "unrendered slot in prompt")
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(i, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(i, 'truncated/finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(i, 'expected flags mismatch')
    if r['mode'] == 'json_object' and r['usable'] and r['finish_reason'] == 'stop':
        try: json.loads(r['reply'])
        except Exception: err(i, 'json_object reply is not bare JSON')
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'].lower() in r['prompt'].lower(), 'keyphrase not in prompt'
        elif t == 'instructions':
            for it in e['instructions']:
                assert it['kind'] in ('function', 'class') and it['text'] and not it['text'].startswith(('[', '1'))
                assert it['text'] in r['reply'] or json.dumps(it['text'])[1:-1] in r['reply'], 'text not in reply'
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                assert line.startswith('Function: ' + e['name'] + '(')
                ast.parse('def ' + line[len('Function: '):] + ': pass')
            else:
                parts = line.split('; ')
                assert parts[0] == 'Class: ' + e['name'] and parts[1].startswith('__init__(self')
                for p in parts[1:]: ast.parse('def ' + p + ': pass')
        elif t == 'candidate_code':
            if r['usable']:
                ast.parse(e['code'])
                assert e['code'] in r['reply'] or json.dumps(e['code'])[1:-1] in r['reply'], 'code not verbatim in reply'
                assert 'print(' not in e['code'] and '__main__' not in e['code']
                ns = {}; exec(e['code'], ns)
                calls = SANITY.get(i)
                assert calls, 'no sanity call'
                for call, want in calls:
                    got = eval(call, ns)
                    assert got == want, f'sanity {call} -> {got!r} != {want!r}'
                notes.append(f"{i}: {len(calls)} sanity call(s) pass")
        elif t == 'test_scenarios':
            for s in e['scenarios']:
                assert s and s in r['reply'], 'scenario not in reply'
        elif t == 'candidate_tests':
            for a in e['tests']:
                tree = ast.parse(a)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq) and len(cmp.ops) == 1
                assert a in r['reply'] or json.dumps(a)[1:-1] in r['reply'], 'assert not verbatim in reply'
            for u in e.get('unusable_tests', []):
                assert u['reason']
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(c[k], str) for k in ('kind', 'name', 'value'))
        elif t in ('narrate_forward', 'narrate_backward'):
            for k in ('code', 'call', 'returned'): assert k in r, f'missing {k}'
            ns = {}; exec(r['code'], ns)
            ret = eval(r['returned'])
            assert eval(r['call'], ns) == ret, 'call does not reproduce returned'
            if r['usable']:
                a = e['answer']; ast.parse(a, mode='eval')
                if t == 'narrate_forward':
                    assert eval(a) == ret, f'answer {a} != {r["returned"]}'
                else:
                    assert eval(a, ns) == ret, f'call {a} does not return {r["returned"]}'
            else:
                assert 'answer' not in e
        else:
            err(i, f'unknown template {t}')
    except Exception as ex:
        err(i, f'{type(ex).__name__}: {ex}')
by_t = collections.defaultdict(list)
for r in rows: by_t[r['template']].append(r)
print(f"rows: {len(rows)}")
for t, rs in sorted(by_t.items()):
    fams = collections.Counter(r['family'] for r in rs)
    print(f"{t}: {len(rs)} rows, {len(fams)} families {dict(fams)}, json_object={sum(r['mode']=='json_object' for r in rs)}, truncated={sum(r['truncated'] for r in rs)}, unusable={sum(not r['usable'] for r in rs)}")
    if len(rs) != 6: err(t, f'{len(rs)} rows, want 6')
    if len(fams) < 5: err(t, 'fewer than 5 families')
print("families:", dict(collections.Counter(r['family'] for r in rows)))
print("modes:", dict(collections.Counter(r['mode'] for r in rows)))
print("truncated:", sum(r['truncated'] for r in rows), "unusable:", sum(not r['usable'] for r in rows))
for nline in notes: print(nline)
print(f"ERRORS: {len(errors)}")
for x in errors: print("  " + x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
