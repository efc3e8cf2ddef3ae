#!/usr/bin/env python3
"""Standalone checker for w132 narrations: re-executes each program under sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import ast, copy, json, sys

def run_traced(code, call):
    hist = {}       # var -> list of values (consecutive duplicates removed), across frames in order
    lines = {}      # lineno -> hit count
    def snap(frame):
        loc = frame.f_locals
        items = []
        for k, v in loc.items():
            if k == 'self':
                for a, av in vars(v).items():
                    items.append(('self.' + a, av))
            elif not k.startswith('.'):
                items.append((k, v))
        for k, v in items:
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        def local(frame, event, arg):
            if event == 'line':
                snap(frame)
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            elif event == 'return':
                snap(frame)
            return local
        return local
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog-call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<plain>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines):
    """Return (ok, msg) where ok means the claim is TRUE of the execution."""
    w = c['what']
    v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            st = [x for i, x in enumerate(v) if i == 0 or v[i - 1] != x]
            n = len(st)
            ok = any(h[i:i + n] == st for i in range(len(h) - n + 1))
            return ok, f"{c['variable']} sequence hist={h!r}"
        if c.get('subseq'):
            pos = 0
            for x in v:
                while pos < len(h) and h[pos] != x:
                    pos += 1
                if pos == len(h):
                    return False, f"{c['variable']} subsequence broken at {x!r}; hist={h!r}"
                pos += 1
            return True, 'subseq ok'
        if 'index' in c:
            i = c['index']
            ok = i < len(h) and h[i] == v
            return ok, f"{c['variable']}[{i}] hist={h[:i+2]!r}"
        return v in h, f"{c['variable']} hist={h!r}"
    if w == 'count':
        n = lines.get(c['line'], 0)
        if c.get('header'):   # a for-header line runs once more than the body (final exhausted check)
            n -= 1
        return n == v, f"line {c['line']} ran {n}"
    if w in ('arith', 'comparison'):
        r = eval(c['expr'], {})
        return r == v, f"{c['expr']} = {r!r}"
    if w == 'return':
        return ret == v, f"ret={ret!r}"
    if w == 'call':
        return True, 'call'
    return False, 'unknown kind ' + w

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    byid = {it['id']: it for it in items}
    fails = 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: ' + c['quote'])
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:') and \
           'Answer: ' + it['answer'] not in it['rationale']:
            probs.append('no Answer line')
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, msg = check_claim(c, ret, hist, lines)
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {msg}")
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret:
                    probs.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != ret:
                    probs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('missing faithful')
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            k = e['kind']
            if k == 'wrong_final_answer':
                if lit(it['answer']) == ret:
                    probs.append('wrong_final_answer is actually right')
            elif k == 'backward_wrong_input':
                try:
                    r2 = plain_call(it['code'], it['answer'])
                except Exception as ex:
                    r2 = ex
                if r2 == ret:
                    probs.append('backward_wrong_input actually reproduces output')
            else:
                ecs = [c for c in it['claims'] if c.get('error')]
                if len(ecs) != 1:
                    probs.append('need exactly one error claim')
                for c in ecs:
                    ok, msg = check_claim(c, ret, hist, lines)
                    if ok:
                        probs.append(f"error claim is TRUE: {c['quote']!r} {msg}")
                    if e.get('held_elsewhere'):
                        v = lit(c['value'])
                        if c.get('seq') or c.get('subseq'):
                            pass
                        elif c['what'] == 'value':
                            if 'index' not in c:
                                probs.append('held_elsewhere value claim needs an index (point of comparison)')
                            if v not in hist.get(c['variable'], []):
                                probs.append('held_elsewhere but value never held')
                        elif c['what'] == 'count':
                            pass
                        elif v not in [x for h in hist.values() for x in h]:
                            probs.append('held_elsewhere but value never held by any var')
                # remaining claims true (except carried ones)
                for c in it['claims']:
                    if c.get('error') or c.get('carried'):
                        continue
                    ok, msg = check_claim(c, ret, hist, lines)
                    if not ok:
                        probs.append(f"non-error claim false {c['quote']!r}: {msg}")
                if it['direction'] == 'forward' and lit(it['answer']) != ret and not e.get('carried'):
                    probs.append('non-final error but answer wrong')
                if it['direction'] == 'backward' and plain_call(it['code'], it['answer']) != ret:
                    probs.append('non-final error but backward answer wrong')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)")
        for p in probs:
            out.append('    ' + p)
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    txt = '\n'.join(out)
    print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
