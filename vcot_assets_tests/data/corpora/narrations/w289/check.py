#!/usr/bin/env python3
"""Standalone checker for w289 narrations (plain exec + sys.settrace; no tool code)."""
import ast, copy, json, re, sys

WORDS = {'zero':0,'one':1,'two':2,'three':3,'four':4,'five':5,'six':6,'seven':7,'eight':8,'nine':9,
         'ten':10,'eleven':11,'twelve':12,'thirteen':13,'fourteen':14,'fifteen':15,'sixteen':16,
         'seventeen':17,'eighteen':18,'nineteen':19,'twenty':20,'thirty':30,'forty':40,'fifty':50,
         'sixty':60,'seventy':70,'eighty':80,'ninety':90}

def words_to_digits(s):
    s = s.replace('`', '')
    def tens(m):
        return str(WORDS[m.group(1).lower()] + WORDS[m.group(2).lower()])
    s = re.sub(r'\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](one|two|three|four|five|six|seven|eight|nine)\b', tens, s, flags=re.I)
    s = re.sub(r'\bnegative\s+', '-', s, flags=re.I)
    s = re.sub(r'\b(' + '|'.join(WORDS) + r')\b', lambda m: str(WORDS[m.group(1).lower()]), s, flags=re.I)
    s = re.sub(r'\btimes\b', '*', s); s = re.sub(r'\bplus\b', '+', s); s = re.sub(r'\bminus\b', '-', s)
    s = re.sub(r'\bis less than or equal to\b', '<=', s); s = re.sub(r'\bis less than\b', '<', s)
    s = re.sub(r'\bis greater than\b', '>', s); s = re.sub(r'\bis at most\b', '<=', s)
    s = s.replace('×', '*').replace('≤', '<=').replace('≥', '>=')
    return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, last, hits, line_vals = {}, {}, {}, {}
    def snap(frame, lineno=None):
        fid = id(frame)
        items = dict(frame.f_locals)
        if 'self' in items:
            try:
                for k, v in vars(items['self']).items():
                    items['self.' + k] = v
            except TypeError:
                pass
        for k, v in items.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            if lineno is not None:
                line_vals.setdefault((lineno, k), []).append(v)
            key = (fid, k)
            if key in last and last[key] == v and type(last[key]) == type(v):
                continue
            last[key] = v
            hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            snap(frame, frame.f_lineno)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, hits, line_vals

def lit(s):
    return ast.literal_eval(s)

def claim_truth(c, ns, result, hist, hits, line_vals):
    """Return (ok, detail): whether the claim is true of the execution."""
    what, var = c['what'], c.get('variable')
    val = lit(c['value'])
    if what == 'value':
        if 'at_line' in c:
            seq = line_vals.get((c['at_line'], var), [])
            a, b = c.get('slice', [0, len(seq)])
            seq = list(seq[a:b])
            if c.get('distinct'):
                seq = [x for k, x in enumerate(seq) if k == 0 or seq[k - 1] != x]
            return seq == list(val), f'{var}@line{c["at_line"]}[{a}:{b}]={seq!r}'
        if 'step' in c:
            h = hist.get(var, [])
            actual = h[c['step']] if c['step'] < len(h) else None
            return actual == val, f'{var}[{c["step"]}]={actual!r}'
        if var is None:
            return any(val in h for h in hist.values()) or val == result, 'any'
        return val in hist.get(var, []), f'{var} history={hist.get(var)!r}'[:300]
    if what == 'count':
        m = re.search(r'line\s*(\d+)', var)
        n = hits.get(int(m.group(1)), 0)
        return n == val, f'hits(line {m.group(1)})={n}'
    if what in ('comparison', 'arith'):
        expr = words_to_digits(c['quote'])
        expr = c.get('expr', expr)
        got = eval(expr, {})
        return got == val, f'{expr} -> {got!r}'
    if what == 'return':
        return val == result, f'returned {result!r}'
    if what == 'call':
        got = eval(c['quote'] if 'expr' not in c else c['expr'], dict(ns))
        return got == result, f'call gives {got!r}'
    raise ValueError(what)

def check_item(it):
    errs = []
    ns, result, hist, hits, line_vals = run_traced(it['code'], it['call'])
    if repr(result) != it['returned']:
        errs.append(f'returned mismatch {result!r} vs {it["returned"]}')
    text = it['rationale']
    for c in it['claims']:
        if c['quote'] not in text:
            errs.append(f'quote not in rationale: {c["quote"]!r}')
    last_line = text.strip().splitlines()[-1]
    if it['answer'] not in last_line:
        errs.append('answer not in last line')
    # answer
    if it['direction'] == 'forward':
        ans_ok = lit(it['answer']) == result
    else:
        fn = it['function']
        if not it['answer'].startswith(fn + '('):
            errs.append('backward answer does not call function')
        ans_ok = eval(it['answer'], dict(ns)) == result
    err = it.get('error')
    if it['label'] == 'faithful' and it['direction'] == 'forward':
        # forward narrations follow execution order: per variable, the plain value claims, in text
        # order, must be a subsequence of that variable's value history (so each value is pinned
        # to a moment no earlier than the previous claim about the same variable)
        pos = {}
        for c in sorted(it['claims'], key=lambda c: text.find(c['quote'])):
            if c['what'] != 'value' or 'at_line' in c or 'step' in c or c['variable'] is None:
                continue
            h = hist.get(c['variable'], [])
            v = lit(c['value'])
            k = pos.get(c['variable'], 0)
            while k < len(h) and h[k] != v:
                k += 1
            if k == len(h):
                errs.append(f'out-of-order value claim {c["quote"]!r}')
            else:
                pos[c['variable']] = k
    if it['label'] == 'faithful':
        if not ans_ok:
            errs.append('answer wrong in faithful item')
        for c in it['claims']:
            ok, d = claim_truth(c, ns, result, hist, hits, line_vals)
            if not ok:
                errs.append(f'false claim {c["quote"]!r}: {d}')
    else:
        kind = err['kind']
        if err['quote'] not in text:
            errs.append('error quote not in rationale')
        if kind in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                errs.append('answer should be wrong but is right')
        elif not ans_ok and not err.get('carried'):
            errs.append('answer wrong although error kind is not an answer error')
        wrong = [c for c in it['claims'] if c.get('wrong')]
        if kind not in ('wrong_final_answer', 'backward_wrong_input') and not wrong:
            errs.append('no wrong claim marked')
        for c in it['claims']:
            if c.get('carried') and not c.get('wrong'):
                continue
            ok, d = claim_truth(c, ns, result, hist, hits, line_vals)
            if c.get('wrong'):
                if ok:
                    errs.append(f'wrong claim is actually true {c["quote"]!r}: {d}')
                if c['quote'] not in err['quote'] and err['quote'] not in c['quote']:
                    errs.append('wrong claim quote does not overlap error quote')
                if kind == 'impossible_state' and c['what'] == 'value':
                    if lit(c['value']) in hist.get(c['variable'], []):
                        errs.append('impossible_state value does occur')
                if err.get('held_elsewhere'):
                    v = lit(c['value'])
                    held = lambda x: any(x in h for h in hist.values()) or x in hits.values() or x == result
                    if 'at_line' in c:
                        seq = line_vals.get((c['at_line'], c['variable']), [])
                        a, b = c.get('slice', [0, len(seq)])
                        diffs = [x for x, y in zip(v, seq[a:b]) if x != y]
                        if not diffs or not all(held(x) for x in diffs):
                            errs.append('held_elsewhere seq value not held anywhere')
                    elif not held(v):
                        errs.append('held_elsewhere value not held anywhere')
            elif not ok:
                errs.append(f'false non-error claim {c["quote"]!r}: {d}')
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
    bad = 0
    ids = set()
    for it in items:
        if it['id'] in ids:
            print('DUPLICATE', it['id']); bad += 1
        ids.add(it['id'])
        try:
            e = check_item(it)
        except Exception as ex:
            e = [f'exception {ex!r}']
        nclaims = len(it['claims'])
        if e:
            bad += 1
            print('FAIL', it['id'], '; '.join(e))
        else:
            print('PASS', it['id'], f'({nclaims} claims, label={it["label"]}'
                  + (f', error={it["error"]["kind"]}' if it['error'] else '') + ')')
    print(f'{len(items)} items, {len(items) - bad} pass, {bad} fail')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
