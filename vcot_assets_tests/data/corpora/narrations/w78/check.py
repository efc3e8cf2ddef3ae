"""Standalone checker for w78 narrations: re-executes every program with sys.settrace,
records each variable's value history and line counts, and checks claims / errors."""
import json, sys, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    hist, fhist, lines = {}, {}, {}
    back, prev = {}, {}
    def push(store, key, val):
        h = store.setdefault(key, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or not safe_eq(h[-1], v):
            h.append(v)
    def snap(frame):
        fn = frame.f_code.co_name
        for k, v in frame.f_locals.items():
            push(hist, k, v); push(fhist, (fn, k), v)
            if classes and isinstance(v, classes):
                for a, av in vars(v).items():
                    push(hist, f'{k}.{a}', av); push(fhist, (fn, f'{k}.{a}'), av)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            p = prev.get(id(frame))
            if p is not None and p > frame.f_lineno:
                back[frame.f_lineno] = back.get(frame.f_lineno, 0) + 1
            prev[id(frame)] = frame.f_lineno
        snap(frame)
        if event == 'return':
            push(fhist, (frame.f_code.co_name, '<return>'), arg)
            push(hist, '<return>', arg)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    lines['back'] = back
    lines['src'] = code.splitlines()
    return ret, hist, fhist, lines, ns

def safe_eq(a, b):
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    try:
        return bool(a == b)
    except Exception:
        return False

def lit(s):
    return ast.literal_eval(s)

def claim_truth(c, ctx):
    """Return (ok, note) for whether the claim is true of the execution."""
    ret, hist, fhist, lines, ns = ctx
    w = c['what']
    if w == 'value':
        val = lit(c['value'])
        key = (c['func'], c['variable']) if 'func' in c else c['variable']
        h = (fhist if 'func' in c else hist).get(key)
        if h is None:
            return False, f'no variable {key}'
        if c.get('sequence'):
            seq = []
            for x in val:
                if not seq or not safe_eq(seq[-1], x): seq.append(x)
            n = len(seq)
            starts = [c['at']] if 'at' in c else range(len(h) - n + 1)
            ok = any(all(safe_eq(h[s + i], seq[i]) for i in range(n)) for s in starts if s + n <= len(h))
            return ok, f'{key} history {h!r}'[:300]
        if 'at' in c:
            k = c['at']
            if k >= len(h): return False, f'{key} has only {len(h)} values'
            return safe_eq(h[k], val), f'{key}[{k}] = {h[k]!r}'
        return any(safe_eq(x, val) for x in h), f'{key} history {h!r}'[:300]
    if w == 'count':
        lab = c['variable']
        assert lab.startswith('loop@line '), lab
        ln = int(lab.split()[-1])
        src = lines['src'][ln - 1].strip()
        if src.startswith(('for ', 'while ')):
            n = lines['back'].get(ln, 0)   # iterations = returns to the loop header from its body
        else:
            n = lines.get(ln, 0)
        return n == lit(c['value']), f'line ran {n} times'
    if w in ('comparison', 'arith'):
        v = eval(c['expr'], {})
        return safe_eq(v, lit(c['value'])), f'{c["expr"]} -> {v!r}'
    if w == 'return':
        return safe_eq(ret, lit(c['value'])), f'returned {ret!r}'
    if w == 'call':
        v = eval(c['expr'], ns)
        return safe_eq(v, lit(c['value'])), f'{c["expr"]} -> {v!r}'
    return False, 'unknown claim kind'

def occurs_anywhere(val, hist):
    return any(any(safe_eq(x, val) for x in h) for h in hist.values())

def check_item(it):
    probs = []
    ctx = run_traced(it['code'], it['call'])
    ret, hist, fhist, lines, ns = ctx
    if repr(ret) != it['returned']:
        probs.append(f'returned mismatch {ret!r} vs {it["returned"]}')
    r = it['rationale']
    for c in it['claims']:
        if c['quote'] not in r:
            probs.append(f'quote not in rationale: {c["quote"]!r}')
    # answer
    if it['direction'] == 'forward':
        try:
            ans_ok = safe_eq(lit(it['answer']), ret)
        except Exception as e:
            ans_ok = False
    else:
        try:
            ans_ok = safe_eq(eval(it['answer'], ns), ret)
        except Exception:
            ans_ok = False
    if not it['answer'] in r.strip().splitlines()[-1]:
        probs.append('answer not on last line')
    err = it['error']
    if it['label'] == 'faithful':
        if not ans_ok: probs.append(f'answer wrong: {it["answer"]}')
        for c in it['claims']:
            ok, note = claim_truth(c, ctx)
            if not ok: probs.append(f'false claim {c["quote"]!r}: {note}')
    else:
        if err['quote'] not in r: probs.append('error quote not in rationale')
        k = err['kind']
        if k in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok: probs.append('error answer is actually right')
        else:
            if not ans_ok: probs.append(f'answer wrong in non-answer error: {it["answer"]}')
        wrong = [c for c in it['claims'] if c.get('wrong')]
        if k not in ('wrong_final_answer', 'backward_wrong_input') and not wrong:
            probs.append('no wrong claim marked')
        if k == 'swapped_variables' and len(wrong) != 2:
            probs.append('swapped_variables needs two wrong claims')
        if err.get('held_elsewhere'):
            for c in wrong:
                if c['what'] == 'value' and not c.get('sequence') and 'at' not in c:
                    probs.append('held_elsewhere value claim lacks a position (at)')
        for c in it['claims']:
            ok, note = claim_truth(c, ctx)
            if c.get('wrong'):
                if ok: probs.append(f'error claim is true: {c["quote"]!r}: {note}')
                if k == 'impossible_state' and c['what'] == 'value':
                    key = c['variable']
                    if any(safe_eq(x, lit(c['value'])) for x in hist.get(key, [])):
                        probs.append('impossible_state value occurs in history')
                if err.get('held_elsewhere'):
                    v = lit(c['value'])
                    if c.get('sequence'):
                        if not all(occurs_anywhere(x, hist) for x in v):
                            probs.append(f'held_elsewhere sequence {v!r} has values never held')
                    elif not occurs_anywhere(v, hist) and not (c['what'] == 'count'):
                        probs.append(f'held_elsewhere value {v!r} never held')
                # stated must appear in the error quote's vicinity
            elif c.get('carried'):
                pass
            elif not ok:
                probs.append(f'false non-error claim {c["quote"]!r}: {note}')
    return probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    items = [json.loads(l) for l in open(path)]
    bad = 0
    from collections import Counter
    for it in items:
        p = check_item(it)
        status = 'PASS' if not p else 'FAIL'
        if p: bad += 1
        print(f'{status} {it["id"]} ({len(it["claims"])} claims)')
        for x in p: print('    ', x)
    print()
    print('styles (faithful):', dict(Counter(i['style'] for i in items if i['label'] == 'faithful')))
    print('families (faithful):', dict(Counter(i['family'] for i in items if i['label'] == 'faithful')))
    print('directions (faithful):', dict(Counter(i['direction'] for i in items if i['label'] == 'faithful')))
    print('error kinds:', dict(Counter(i['error']['kind'] for i in items if i['error'])))
    print('held_elsewhere:', sum(1 for i in items if i['error'] and i['error'].get('held_elsewhere')))
    print(f'TOTAL {len(items)} items, {bad} failing')
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
