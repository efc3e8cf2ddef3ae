"""Standalone checker for w473 narrations: re-executes each call under sys.settrace and checks
claims / errors against the real execution. No use of the trace script or tool code."""
import ast, copy, json, sys
from collections import defaultdict

def literal(s):
    return ast.literal_eval(s)

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return None

def run_traced(code, call):
    hist = defaultdict(list)        # variable -> list of successive distinct values
    lines = defaultdict(int)        # line number -> number of 'line' events
    def record(name, val):
        h = hist[name]
        if isinstance(val, (int, float, str, bool, list, tuple, dict, set, type(None))):
            if not h or h[-1] != val or type(h[-1]) != type(val):
                h.append(snap(val))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] += 1
        for k, v in frame.f_locals.items():
            if k == 'self':
                for ak, av in vars(v).items():
                    record('self.' + ak, av)
            else:
                record(k, v)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def count_of(label, lines):
    # label 'loop@line N': N is the first body line of the loop -> its hit count = iterations
    return lines[int(label.split('@line')[1])]

def check_item(it, problems):
    iid = it['id']
    ret, hist, lines = run_traced(it['code'], it['call'])
    def bad(msg):
        problems.append(f"{iid}: {msg}")
    if repr(ret) != it['returned']:
        bad(f"returned {it['returned']} != real {ret!r}")
    text = it['rationale']
    lastline = text.strip().splitlines()[-1]
    if it['answer'] not in lastline:
        bad('answer not in last line')
    for c in it['claims']:
        if c['quote'] not in text:
            bad(f"claim quote missing: {c['quote']!r}")
    err = it['error']
    if err is not None and err['quote'] not in text:
        bad(f"error quote missing: {err['quote']!r}")
    # claims: for faithful items all must hold; for error copies all but the error's claim
    for c in it['claims']:
        if err is not None and c.get('is_error'):
            continue
        v = literal(c['value'])
        w = c['what']
        if w == 'value':
            if v not in hist.get(c['variable'], []):
                bad(f"value claim false: {c['variable']}={v!r} hist={hist.get(c['variable'])}")
        elif w == 'count':
            n = count_of(c['variable'], lines)
            if n != v:
                bad(f"count claim false: {c['variable']} {v} != {n}")
        elif w in ('arith', 'comparison'):
            if eval(c['expr']) != v:
                bad(f"{w} claim false: {c['expr']} != {v!r}")
        elif w == 'return':
            if v != ret:
                bad(f"return claim false: {v!r} != {ret!r}")
        elif w == 'call':
            if plain_call(it['code'], v) != ret:
                bad('call claim does not return output')
    # answer
    if it['direction'] == 'forward':
        ans_ok = literal(it['answer']) == ret
    else:
        ans_ok = plain_call(it['code'], it['answer']) == ret
    if it['label'] == 'faithful':
        if not ans_ok:
            bad('faithful answer wrong')
        if err is not None:
            bad('faithful item with error')
        return
    # error copies: confirm the error IS false
    if it['label'] != 'error' or err is None:
        bad('error copy without error'); return
    chk = err['check']; t = chk['type']
    stated = literal(err['stated'])
    actual = literal(err['actual'])
    if t == 'answer':
        if ans_ok:
            bad('error answer is actually right')
        if it['direction'] == 'forward' and actual != ret:
            bad('actual != return')
        if it['direction'] == 'backward' and plain_call(it['code'], it['answer']) == ret:
            bad('backward wrong input returns output')
    else:
        if not ans_ok:
            bad('non-answer error copy has wrong final answer')
        if t == 'expr':
            real = eval(chk['expr'])
            if real == stated or real != actual:
                bad(f"expr error: {chk['expr']} real={real!r} stated={stated!r} actual={actual!r}")
        elif t == 'count':
            n = count_of(chk['label'], lines)
            if n == stated or n != actual:
                bad(f"count error: real={n} stated={stated} actual={actual}")
        elif t == 'history_at':
            h = hist[chk['variable']]
            real = h[chk['index']]
            if real == stated or real != actual:
                bad(f"history_at error: {chk['variable']}[{chk['index']}]={real!r} stated={stated!r}")
        elif t == 'absent':
            if stated in hist.get(chk['variable'], []):
                bad(f"absent error but {stated!r} occurs in {chk['variable']}")
        else:
            bad('unknown check ' + t)
        if err.get('held_elsewhere'):
            # the wrong value must be one the program holds somewhere (not at that point)
            pool = []
            for vs in hist.values():
                pool.extend(vs)
            if stated not in pool and stated not in [x for vs in hist.values() for x in vs if isinstance(vs, list)]:
                bad(f"held_elsewhere but {stated!r} never held")
    fid = it['faithful_id']
    if fid not in FAITHFUL:
        bad('faithful_id unknown')

FAITHFUL = set()

def main(path):
    items = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
    FAITHFUL.update(i['id'] for i in items if i['label'] == 'faithful')
    problems = []
    for it in items:
        try:
            check_item(it, problems)
        except Exception as e:
            problems.append(f"{it['id']}: exception {e!r}")
    nf = sum(i['label'] == 'faithful' for i in items)
    print(f"items: {len(items)} (faithful {nf}, error {len(items) - nf}); programs: {len({i['program_id'] for i in items})}")
    for p in problems:
        print('FAIL', p)
    print('PASS' if not problems else f'{len(problems)} problem(s)')
    return 0 if not problems else 1

if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'))
