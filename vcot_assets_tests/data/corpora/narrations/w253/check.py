"""Standalone checker for w253 narrations: runs each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import ast, json, sys, re

def run_traced(code, call):
    hist = {}      # var -> list of reprs (in order of change)
    last = {}      # (frame id, var) -> repr
    hits = {}      # line -> count
    def snap(frame):
        items = dict(frame.f_locals)
        if 'self' in items and hasattr(items['self'], '__dict__'):
            for k, v in vars(items['self']).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self':
                continue
            try:
                r = repr(v)
            except Exception:
                continue
            key = (id(frame), k)
            if last.get(key) != r:
                last[key] = r
                hist.setdefault(k, []).append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == 'line':
                hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            return local
        snap(frame)
        return local
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<prog>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain_eval(code, call):
    ns = {}
    exec(compile(code, '<plain>', 'exec'), ns)
    return eval(call, ns)

def lhs_value(expr):
    expr = expr.replace('`', '')
    lhs = expr.rsplit('=', 1)[0] if re.search(r'[^=!<>]=[^=]', expr) else expr
    return eval(lhs.replace('\u00d7', '*'), {})

def loop_count(label, hits):
    n = int(label.split('line')[1])
    if label.startswith('hits@'):
        return hits.get(n, 0)
    return hits.get(n, 0) - 1

def check_claim(c, item, result, hist, hits):
    what, var, val = c['what'], c.get('variable'), c['value']
    if what == 'value' and c.get('sequence'):
        want = [repr(v) for v in ast.literal_eval(val)]
        h = hist.get(var, [])
        ok = any(h[i:i + len(want)] == want for i in range(len(h)))
        return ok, f"{var} history {h[:20]}"
    if what == 'value':
        want = repr(ast.literal_eval(val))
        if var in hist:
            return want in hist[var], f"{var} history {hist[var][:12]}"
        return False, f"no variable {var}"
    if what == 'count':
        got = loop_count(var, hits)
        return got == ast.literal_eval(val), f"count {got}"
    if what in ('comparison', 'arith'):
        got = eval(c['expr'], {}) if 'expr' in c else lhs_value(c['quote'])
        return repr(got) == repr(ast.literal_eval(val)), f"evaluates to {got!r}"
    if what == 'return':
        return repr(ast.literal_eval(val)) == repr(result), f"returned {result!r}"
    if what == 'call':
        got = plain_eval(item['code'], val)
        return repr(got) == repr(result), f"call gives {got!r}"
    return False, 'unknown claim kind'

def check_item(item):
    probs = []
    result, hist, hits = run_traced(item['code'], item['call'])
    if repr(result) != item['returned']:
        probs.append(f"returned mismatch {result!r} vs {item['returned']}")
    r = item['rationale']
    last = r.strip().splitlines()[-1]
    if not last.startswith('Answer:'):
        probs.append('last line is not Answer:')
    elif last[len('Answer:'):].strip() != item['answer']:
        probs.append('answer field differs from Answer line')
    err = item['error']
    err_quotes = set()
    if err:
        if err['quote'] not in r:
            probs.append('error quote not in rationale')
        err_quotes = set(err.get('skip_quotes', [])) | {err['quote']}
    for c in item['claims']:
        if c['quote'] not in r:
            probs.append(f"claim quote missing: {c['quote']!r}")
            continue
        if c['quote'] in err_quotes:
            continue
        ok, why = check_claim(c, item, result, hist, hits)
        if not ok:
            probs.append(f"false claim {c['quote']!r}: {why}")
    # answer
    if item['direction'] == 'forward':
        ans_ok = repr(ast.literal_eval(item['answer'])) == repr(result)
    else:
        ans_ok = repr(plain_eval(item['code'], item['answer'])) == repr(result)
    kind = err['kind'] if err else None
    if kind in ('wrong_final_answer', 'backward_wrong_input'):
        if ans_ok:
            probs.append('error answer is actually right')
    elif not ans_ok and not (err and err.get('carried')):
        probs.append('final answer wrong')
    # error is really false
    if err and kind not in ('wrong_final_answer', 'backward_wrong_input'):
        at = err.get('at', {})
        stated, actual = err['stated'], err['actual']
        if kind == 'wrong_arithmetic' or at.get('type') in ('arith', 'comparison'):
            got = eval(at['expr'], {}) if 'expr' in at else lhs_value(err['quote'])
            if repr(got) != repr(ast.literal_eval(actual)) or repr(got) == repr(ast.literal_eval(stated)):
                probs.append(f"error not confirmed: expr gives {got!r}")
        elif kind == 'off_by_one_loop_count' or at.get('type') == 'count':
            got = loop_count(at['loop'], hits)
            if got != ast.literal_eval(actual) or got == ast.literal_eval(stated):
                probs.append(f"count error not confirmed: {got}")
        elif at.get('type') == 'history':
            h = hist.get(at['variable'], [])
            k = at['index']
            point = h[k] if k < len(h) else None
            if point != repr(ast.literal_eval(actual)) or point == repr(ast.literal_eval(stated)):
                probs.append(f"history error not confirmed: {at['variable']}[{k}]={point}")
            if err.get('held_elsewhere') and repr(ast.literal_eval(stated)) not in sum(hist.values(), []):
                probs.append('held_elsewhere but stated value never held')
            if kind == 'impossible_state' and repr(ast.literal_eval(stated)) in h:
                probs.append('impossible_state value is actually held by the variable')
        else:
            probs.append('error has no check spec')
        if 'held_var' in at:
            want = ast.literal_eval(at['held_value'])
            seen = False
            for h in hist.get(at['held_var'], []):
                try:
                    v = ast.literal_eval(h)
                except Exception:
                    continue
                if v == want or (isinstance(v, dict) and want in v.values()):
                    seen = True
            if not seen:
                probs.append(f"held value {want!r} never held by {at['held_var']}")
        elif err.get('held_elsewhere') and at.get('type') != 'history':
            probs.append('held_elsewhere copy without held_var spec')
    return probs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        try:
            probs = check_item(it)
        except Exception as e:
            probs = [f"exception {e!r}"]
        bad += bool(probs)
        out.append(f"{'PASS' if not probs else 'FAIL'} {it['id']}" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
