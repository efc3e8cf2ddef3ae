"""Self-check for r31 replies.jsonl (standard library only)."""
import ast, json, collections, sys

PATH = '/work/corpus/replies/r31/replies.jsonl'
TEMPLATES = {'concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward'}
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for candidate_code: expression -> expected value
SANITY = {
    'r31-candidate_code-01': [("is_min_heap([1, 3, 2, 4])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    'r31-candidate_code-02': [("dedent_lines(['  a', '    b', '  '])", ['a', '  b', '']), ("dedent_lines([])", [])],
    'r31-candidate_code-03': [("(lambda h: (h.push(3), h.push(1), h.push(2), h.pop(), h.pop())[3:])(MinHeap())", (1, 2)), ("MinHeap().pop()", None)],
    'r31-candidate_code-04': [("count_less([1, 3, 3, 7], 3)", 1), ("count_less([], 5)", 0)],
    'r31-candidate_code-05': [("run_lengths('aab')", [('a', 2), ('b', 1)]), ("run_lengths('')", [])],
    'r31-candidate_code-06': [("char_counts('abca')", {'a': 2, 'b': 1, 'c': 1})],
}
# candidate_tests are run against the corpus' own candidate_code solution for the same function
TEST_IMPL = {'is_min_heap': 'r31-candidate_code-01', 'dedent_lines': 'r31-candidate_code-02', 'MinHeap': 'r31-candidate_code-03',
             'count_less': 'r31-candidate_code-04', 'run_lengths': 'r31-candidate_code-05', 'char_counts': 'r31-candidate_code-06'}

errors, notes = [], []
def err(i, m): errors.append(f"{i}: {m}")

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"JSON parse error {e}")

ids = collections.Counter(r['id'] for r in recs)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
code_by_id = {r['id']: r['expected'].get('code') for r in recs if r['template'] == 'candidate_code'}

for r in recs:
    i = r['id']; t = r['template']; e = r['expected']
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, f"bad template {t}")
    if r['family'] not in FAMILIES: err(i, f"bad family {r['family']}")
    if r['mode'] not in ('text', 'json_object'): err(i, "bad mode")
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, "finish_reason/truncated mismatch")
    if '{{' in r['prompt'] or f"Task: {t}" not in r['prompt']: err(i, "prompt not rendered")
    if not i.startswith(f"r31-{t}-"): err(i, "id does not match template")
    if r['mode'] == 'json_object' and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception: err(i, "json_object reply is not strict JSON")
    if not r['usable']:
        continue
    try:
        if t == 'candidate_code':
            code = e['code']; ast.parse(code)
            if r['mode'] == 'text' and code not in r['reply']: err(i, "code not verbatim in reply")
            ns = {}; exec(code, ns)
            for expr, want in SANITY[i]:
                got = eval(expr, ns)
                if got != want: err(i, f"sanity {expr} -> {got!r}, want {want!r}")
        elif t == 'candidate_tests':
            if not e['tests']: err(i, "no tests")
            for s in e['tests']:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(i, f"not a single assert: {s}")
                if r['mode'] == 'text' and s not in r['reply']: err(i, f"test not verbatim in reply: {s}")
                fn = s.split('assert ', 1)[1].split('(')[0]
                ns = {}; exec(code_by_id[TEST_IMPL[fn]], ns); exec(s, ns)
            for u in e.get('unusable_tests', []):
                if not isinstance(u, str) or not u: err(i, "bad unusable_tests entry")
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            if repr(eval(e['answer'])) != r['returned']: err(i, f"answer {e['answer']} != returned {r['returned']}")
            ns = {}; exec(r['code'], ns)
            if repr(eval(r['call'], ns)) != r['returned']: err(i, "call does not give returned")
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            if repr(eval(e['answer'], ns)) != r['returned']: err(i, f"answer {e['answer']} does not return {r['returned']}")
            if repr(eval(r['call'], ns)) != r['returned']: err(i, "call does not give returned")
        elif t == 'signature':
            if e['kind'] not in ('function', 'class'): err(i, "bad kind")
            pre = 'Function: ' if e['kind'] == 'function' else 'Class: '
            if not e['line'].startswith(pre + e['name']): err(i, "line/name/kind mismatch")
            if e['kind'] == 'function':
                ast.parse('def ' + e['line'][len(pre):] + ': pass')
        elif t == 'concepts':
            for c in e['concepts']:
                if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(i, "concept fields")
                if c['keyphrase'] not in r['prompt']: err(i, f"keyphrase {c['keyphrase']} not in prompt")
        elif t == 'instructions':
            for it in e['instructions']:
                if it['kind'] not in ('function', 'class'): err(i, "instruction kind")
                if it['text'] not in r['reply']: err(i, "instruction text not in reply")
        elif t == 'test_scenarios':
            for s in e['scenarios']:
                if s not in r['reply']: err(i, f"scenario not in reply: {s}")
        elif t == 'extract_entities':
            for c in e['claims']:
                if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): err(i, "claim values must be strings")
    except Exception as ex:
        err(i, f"exception {type(ex).__name__}: {ex}")

def table(key):
    return dict(sorted(collections.Counter(key(r) for r in recs).items()))
print(f"records: {len(recs)}")
print("per template:", table(lambda r: r['template']))
print("per family:", table(lambda r: r['family']))
print("per mode:", table(lambda r: r['mode']))
print("truncated:", sum(r['truncated'] for r in recs), " unusable:", sum(not r['usable'] for r in recs))
fams = collections.defaultdict(set)
for r in recs: fams[r['template']].add(r['family'])
for t, fs in sorted(fams.items()):
    if len(fs) < 5: err(t, f"only {len(fs)} families")
print("families per template:", {t: len(fs) for t, fs in sorted(fams.items())})
print("ERRORS:" if errors else "ALL CHECKS PASSED", *errors, sep="\n")
sys.exit(1 if errors else 0)
