"""Standalone checker for w95 narrations: replays each call with sys.settrace and checks claims."""
import ast, copy, json, sys, warnings
warnings.filterwarnings("ignore")

PROG = '<prog>'


def run_traced(code, call):
    ns = {}
    exec(compile(code, PROG, 'exec'), ns)
    hist = {}          # name -> list of values (in order of change, all frames)
    last = {}          # (frame id, name) -> last value
    lines = {}         # line number -> times executed

    def snap(frame):
        for name, val in list(frame.f_locals.items()):
            items = [(name, val)]
            if hasattr(val, '__dict__') and type(val).__module__ == ns.get('__name__', 'builtins') or (
                    hasattr(val, '__dict__') and type(val).__name__ in ns):
                items += [(name + '.' + a, v) for a, v in vars(val).items()]
            for key, v in items:
                if callable(v) or hasattr(v, '__dict__'):
                    continue
                try:
                    v = copy.deepcopy(v)
                except Exception:
                    continue
                k = (id(frame), key)
                if k not in last or last[k] != v or type(last[k]) != type(v):
                    last[k] = v
                    hist.setdefault(key, []).append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return tracer
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ('call', 'line', 'return'):
            snap(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines


def plain(code, call):
    ns = {}
    exec(compile(code, PROG, 'exec'), ns)
    return eval(call, ns)


def claim_ok(c, item, result, hist, lines):
    """Return (is_true, detail)."""
    what = c['what']
    val = ast.literal_eval(c['value'])
    if what == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            # consecutive repeats collapse in the change history, so collapse the claim too
            val = [v for k, v in enumerate(val) if k == 0 or v != val[k - 1]]
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h))), f"history={h!r}"
        if 'index' in c:
            i = c['index']
            return (i < len(h) and h[i] == val and type(h[i]) == type(val)), f"history[{i}]={h[i] if i < len(h) else None!r}"
        return (val in h), f"history={h[:12]!r}"
    if what == 'count' and 'line' not in c:
        n = len(hist.get(c['variable'], []))   # iterations = values the loop variable took
        return n == val, f"{c['variable']} took {n} values"
    if what == 'count':
        n = lines.get(c['line'], 0)
        return n == val, f"line {c['line']} ran {n}"
    if what in ('comparison', 'arith'):
        got = eval(c['expr'], {})
        return got == val, f"{c['expr']} -> {got!r}"
    if what == 'return':
        return result == val, f"returned {result!r}"
    if what == 'call':
        got = plain(item['code'], c['value'] if isinstance(val, str) else c['value'])
        return repr(got) == item['returned'], f"call gives {got!r}"
    return False, 'unknown claim kind'


def check_item(item):
    errs = []
    r = item['rationale']
    result, hist, lines = run_traced(item['code'], item['call'])
    if repr(result) != item['returned']:
        errs.append(f"returned mismatch {result!r} vs {item['returned']}")
    last_line = r.strip().splitlines()[-1]
    if not last_line.startswith('Answer:') or last_line[len('Answer:'):].strip() != item['answer']:
        errs.append('Answer line does not match answer field')
    for c in item['claims']:
        if c['quote'] not in r:
            errs.append(f"quote not in rationale: {c['quote']!r}")
    err = item['error']
    wrong_quote = err['quote'] if err else None
    if err and wrong_quote not in r:
        errs.append('error quote not in rationale')
    for c in item['claims']:
        ok, detail = claim_ok(c, item, result, hist, lines)
        if c.get('wrong') and (c['quote'] == wrong_quote or c.get('carried')):
            if ok:
                errs.append(f"error claim is actually TRUE: {c['quote']!r} ({detail})")
            if err.get('held_elsewhere'):
                try:
                    val = ast.literal_eval(err['stated'])
                except Exception:
                    val = ast.literal_eval(c['value'])
                if c['what'] == 'count':
                    pass
                elif not any(val in h for h in hist.values()) and not (
                        c['what'] == 'arith' and repr(val) in item['code'] + item['call']):
                    errs.append(f"held_elsewhere but {val!r} never held")
        elif not ok:
            errs.append(f"false claim {c['quote']!r}: {detail}")
    # answer checks
    if item['direction'] == 'forward':
        ans_ok = ast.literal_eval(item['answer']) == result and repr(ast.literal_eval(item['answer'])) == item['returned']
    else:
        try:
            ans_ok = repr(plain(item['code'], item['answer'])) == item['returned']
        except Exception:
            ans_ok = False
    want_ans_wrong = bool(err) and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
    if want_ans_wrong and ans_ok:
        errs.append('answer should be wrong but is right')
    if not want_ans_wrong and not ans_ok:
        errs.append('answer is wrong')
    if item['label'] == 'faithful' and err is not None:
        errs.append('faithful item has error')
    if item['label'] == 'error':
        if not err:
            errs.append('error item without error')
        elif err['kind'] not in ('wrong_final_answer', 'backward_wrong_input') and not any(
                c['quote'] == wrong_quote and c.get('wrong') for c in item['claims']):
            errs.append('no wrong claim matching the error quote')
    return errs


def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    ids = set()
    bad = 0
    out = []
    for it in items:
        if it['id'] in ids:
            out.append(f"{it['id']}: duplicate id"); bad += 1
        ids.add(it['id'])
        try:
            e = check_item(it)
        except Exception as ex:
            e = [f'exception {ex!r}']
        if it['faithful_id'] and it['faithful_id'] not in ids:
            e.append('faithful_id unknown')
        out.append(f"{it['id']}: {'PASS' if not e else 'FAIL ' + '; '.join(e)}")
        bad += bool(e)
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print('\n'.join(out))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
