"""Standalone checker for w413 narrations: re-executes every program with sys.settrace,
records per-variable value histories and line hit counts, and checks claims and errors."""
import ast, copy, json, sys

def run_traced(code, call):
    hist = {}      # var -> list of values, in order of change (all frames of the program)
    hits = {}      # line number -> times executed
    last = {}      # (frame serial, var) -> last value
    serial = {}    # id(frame) -> serial number assigned at its 'call' event
    def snap(frame):
        loc = frame.f_locals
        items = []
        for k, v in loc.items():
            if k == 'self':
                for ak, av in vars(v).items():
                    items.append(('self.' + ak, av))
            elif not callable(v):
                items.append((k, v))
        for k, v in items:
            key = (serial.get(id(frame)), k)
            try:
                vv = copy.deepcopy(v)
            except Exception:
                vv = repr(v)
            if key not in last or last[key] != vv:
                last[key] = vv
                hist.setdefault(k, []).append(vv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'call':
            serial[id(frame)] = len(serial) + 1 + max(serial.values(), default=0)
        elif event == 'line':
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, hits, g

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, hist, hits, result, g, errs):
    what = c['what']
    val = lit(c['value'])
    if what == 'value':
        if c['variable'] not in hist or val not in hist[c['variable']]:
            errs.append(f"value claim false: {c['quote']!r} {c['variable']}={val!r}")
    elif what == 'count':
        h = hits.get(c['line'], 0) // c.get('per', 1)
        if h != val:
            errs.append(f"count claim false: {c['quote']!r} says {val}, line {c['line']} ran {h}")
    elif what in ('arith', 'comparison'):
        expr = c.get('expr') or c['quote'].split('=')[0]
        got = eval(expr, dict(g))
        if got != val:
            errs.append(f"{what} claim false: {c['quote']!r} -> {got!r} not {val!r}")
    elif what == 'return':
        if val != result:
            errs.append(f"return claim false: {c['quote']!r}")
    elif what == 'call':
        pass
    else:
        errs.append('unknown claim kind ' + what)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    n_ok = 0
    lines = []
    for it in items:
        errs = []
        result, hist, hits, g = run_traced(it['code'], it['call'])
        if repr(result) != it['returned']:
            errs.append(f"returned mismatch {result!r} vs {it['returned']}")
        if not it['rationale'].rstrip().endswith(it['answer']):
            errs.append('answer not at end of rationale')
        last_line = it['rationale'].rstrip().splitlines()[-1]
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                check_claim(c, hist, hits, result, g, errs)
            if it['direction'] == 'forward':
                if lit(it['answer']) != result:
                    errs.append('forward answer wrong')
            else:
                got = eval(it['answer'], dict(g))
                if got != result:
                    errs.append('backward answer does not return output')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            if e['stated'] not in e['quote']:
                errs.append('stated not in quote')
            ck = e['check']
            t = ck['type']
            if not any(e['quote'] in c['quote'] for c in it['claims']):
                errs.append('no claim carries the error quote')
            # 'stated' is the wrong value as written (may be words); check['value'] gives its literal
            stated = lit(ck['value']) if 'value' in ck else (lit(e['stated']) if t != 'answer' else e['stated'])
            if t == 'value_at':
                actual = hist[ck['variable']][ck['index']]
                if 'sub' in ck:
                    actual = actual[ck['sub']]
                if actual == stated or actual != lit(e['actual']):
                    errs.append(f"value_at error not confirmed: actual {actual!r}")
            elif t == 'count':
                actual = hits.get(ck['line'], 0) // ck.get('per', 1)
                if actual == stated or actual != lit(e['actual']):
                    errs.append(f"count error not confirmed: {actual}")
            elif t == 'arith':
                actual = eval(ck['expr'], dict(g))
                if actual == stated or actual != lit(e['actual']):
                    errs.append(f"arith error not confirmed: {actual}")
            elif t == 'comparison':
                actual = eval(ck['expr'], dict(g))
                if actual == stated or actual != lit(e['actual']):
                    errs.append(f"comparison error not confirmed: {actual}")
            elif t == 'answer':
                if it['direction'] == 'forward':
                    if lit(it['answer']) == result:
                        errs.append('wrong_final_answer equals result')
                else:
                    if eval(it['answer'], dict(g)) == result:
                        errs.append('backward wrong input still returns output')
            else:
                errs.append('unknown check ' + t)
            if e.get('held_elsewhere'):
                pool = [v for vs in hist.values() for v in vs] + [hits.get(l) for l in hits]
                if t == 'count':
                    pool = list(hits.values()) + [h // ck.get('per', 1) for h in hits.values()] + pool
                if stated not in pool:
                    errs.append('held_elsewhere value never held')
            # the answer of an error copy must still be right unless the error is about it
            if t != 'answer' and not e.get('carried'):
                if it['direction'] == 'forward' and lit(it['answer']) != result:
                    errs.append('error copy answer changed without carried')
            # other claims (not the error's) must still be true
            others = [c for c in it['claims'] if c['quote'] != e['quote']]
            sub = []
            for c in others:
                check_claim(c, hist, hits, result, g, sub)
            if sub and not e.get('carried'):
                errs.extend('other claim: ' + s for s in sub)
        status = 'PASS' if not errs else 'FAIL'
        if not errs:
            n_ok += 1
        lines.append(f"{status} {it['id']}" + ''.join('\n    ' + s for s in errs))
    lines.append(f"\n{n_ok}/{len(items)} items pass")
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 0 if n_ok == len(items) else 1

if __name__ == '__main__':
    sys.exit(main())
