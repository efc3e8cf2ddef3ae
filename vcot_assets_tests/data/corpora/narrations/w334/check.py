"""Standalone checker for w334 narrations: runs each call under sys.settrace, records per-variable
value histories (locals and self.<attr>) and line hit counts, then checks every claim."""
import json, sys, copy

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    user_classes = {v for v in ns.values() if isinstance(v, type)}
    hist = {}     # var -> list of successive values (across frames, in time order)
    last = {}     # (frame id, var) -> last value
    lines = {}    # lineno -> hit count
    def record(frame):
        items = dict(frame.f_locals)
        for name, obj in list(items.items()):
            if type(obj) in user_classes:
                for k, v in vars(obj).items():
                    items[name + '.' + k] = v
        for k, v in items.items():
            if type(v) in user_classes:
                continue
            key = (id(frame), k)
            sv = snap(v)
            if key not in last or last[key] != sv:
                last[key] = sv
                h = hist.setdefault(k, [])
                if not h or h[-1] != sv:
                    h.append(sv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        record(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def claim_true(c, ret, hist, lines, ns):
    """Return (ok, detail) for whether claim c is true of the execution."""
    what = c['what']
    if what == 'value':
        val = eval(c['value'])
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            got = [x for x in h[c.get('start', 0):c.get('stop', len(h))] if x not in c.get('drop', [])]
            return got == val, f"history slice={got!r}"
        if 'at' in c:
            at = c['at']
            return (at < len(h) and h[at] == val), f"history[{at}]={h[at] if at < len(h) else None!r}"
        return (val in h), f"history={h!r}"
    if what == 'count':
        n = lines.get(c['line'], 0) + c.get('adjust', 0)
        return (n == eval(c['value'])), f"count={n}"
    if what in ('comparison', 'arith'):
        got = eval(c['expr'])
        return (got == eval(c['value'])), f"{c['expr']} -> {got!r}"
    if what == 'return':
        return (eval(c['value']) == ret), f"returned {ret!r}"
    if what == 'call':
        got = eval(c['value'], dict(ns))
        return (got == ret), f"call gives {got!r}"
    return False, 'unknown claim kind'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    byid = {it['id']: it for it in items}
    fails = 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it['rationale'].rstrip().endswith(it['answer']):
            probs.append('answer not in last line')
        last = it['rationale'].rstrip().splitlines()[-1]
        if it['answer'] not in last:
            probs.append('answer not on last line')
        if it['direction'] == 'forward':
            ans_ok = eval(it['answer']) == ret
        else:
            ans_ok = eval(it['answer'], dict(ns)) == ret
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"quote not found: {c['quote']!r}")
                continue
            ok, det = claim_true(c, ret, hist, lines, ns)
            is_err = err is not None and c['quote'] == err['quote'] and c.get('is_error')
            if is_err:
                if ok:
                    probs.append(f"error claim is actually TRUE: {c['quote']!r} {det}")
                if err.get('held_elsewhere') and c['what'] == 'count':
                    if eval(c['value']) not in [n for ln, n in lines.items() if ln != c['line']]:
                        probs.append(f"held_elsewhere count matches no other line's hit count: {c['quote']!r}")
                if err.get('held_elsewhere') and c['what'] == 'value' and not c.get('seq'):
                    v = eval(c['value'])
                    if not any(v in h for h in hist.values()):
                        probs.append(f"held_elsewhere but value never held by any variable: {c['quote']!r}")
            elif not ok:
                probs.append(f"false claim: {c['quote']!r} {det}")
        if err is None:
            if not ans_ok:
                probs.append('final answer wrong')
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('answer should be wrong but is right')
            else:
                if not ans_ok:
                    probs.append('answer wrong in non-answer error copy')
                if not any(c.get('is_error') and c['quote'] == err['quote'] for c in it['claims']):
                    probs.append('no is_error claim for error')
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('faithful_id missing')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''}, {len(it['claims'])} claims)")
        out.extend('    ' + p for p in probs)
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
