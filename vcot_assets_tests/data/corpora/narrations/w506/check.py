#!/usr/bin/env python3
"""Standalone checker for w506 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line-execution counts,
and checks every claim / answer / error annotation against the real execution."""
import ast, copy, json, sys

FN = '<prog>'

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    H, lines = {}, {}
    per_call = []          # per function call (frame), in call order: {line: count}
    fmap = {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = H.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'call':
            fmap[id(frame)] = len(per_call); per_call.append({})
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            pc = per_call[fmap[id(frame)]]
            pc[frame.f_lineno] = pc.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    lines['_per_call'] = per_call
    return ret, H, lines

def line_count(lines, n, nth=None):
    if nth is None:
        return lines.get(n, 0)
    runs = [pc[n] for pc in lines['_per_call'] if n in pc]
    return runs[nth - 1] if len(runs) >= nth else 0

def plain(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, H, lines, code):
    w, val = c['what'], lit(c['value'])
    if w == 'value':
        return c['variable'] in H and val in H[c['variable']], f"{c['variable']} never {val!r}"
    if w == 'count':
        n = int(c['variable'].split('@line')[1])
        got = line_count(lines, n, c.get('nth'))
        return got == val, f"line {n} ran {got} times, claim {val}"
    if w in ('comparison', 'arith'):
        got = eval(c['expr'])
        return got == val, f"{c['expr']} = {got!r}, claim {val!r}"
    if w == 'return':
        return ret == val, f"returned {ret!r}, claim {val!r}"
    return False, 'unknown claim kind'

def check_error(it, ret, H, lines):
    e, chk = it['error'], it['error']['check']
    t = chk['type']
    if t == 'answer':
        if it['direction'] == 'forward':
            return lit(it['answer']) != ret, f"answer {it['answer']} != returned {ret!r}"
        got = plain(it['code'], it['answer'])
        return got != ret, f'answer call in fact returns {got!r}, not {ret!r}'
    if t in ('arith', 'compare'):
        got = eval(chk['expr'])
        ok = got != lit(e['stated']) and repr(got) == e['actual']
        msg = f"{chk['expr']}={got!r}, stated {e['stated']}"
        if e.get('held_elsewhere'):
            pool = eval(chk['held_in'], {'H': H})
            ok = ok and lit(e['stated']) in pool
            msg += f"; held elsewhere in {chk['held_in']}: {lit(e['stated']) in pool}"
        return ok, msg
    if t == 'count':
        got = line_count(lines, chk['line'], chk.get('nth'))
        return got != chk['stated'] and str(got) == e['actual'], f'count {got}'
    if t == 'history':
        got = eval(chk['expr'], {'H': H})
        st = lit(chk['stated'])
        ok = got != st
        msg = f"at that point {chk['expr']} = {got!r}, stated {st!r}"
        if 'never' in chk:
            ok = ok and st not in H[chk['never']]
            msg += f"; stated never in {chk['never']}"
        if e.get('held_elsewhere'):
            pool = eval(chk['held_in'], {'H': H})
            ok = ok and st in pool
            msg += f"; held elsewhere in {chk['held_in']}: {st in pool}"
        return ok, msg
    return False, 'unknown check'

def main(path, report):
    items = [json.loads(l) for l in open(path)]
    ids = set()
    out, fails = [], 0
    faithful = {it['id'] for it in items if it['label'] == 'faithful'}
    for it in items:
        probs = []
        if it['id'] in ids: probs.append('duplicate id')
        ids.add(it['id'])
        ret, H, lines = run(it['code'], it['call'])
        if repr(ret) != it['returned']: probs.append(f"returned {ret!r} != {it['returned']}")
        last = it['rationale'].rstrip().splitlines()[-1]
        if last != 'Answer: ' + it['answer']: probs.append('Answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
            if c.get('error') or c.get('carried'):
                continue
            ok, msg = check_claim(c, ret, H, lines, it['code'])
            if not ok: probs.append('claim false: ' + c['quote'] + ' :: ' + msg)
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                got = plain(it['code'], it['answer'])
                if got != ret: probs.append(f'backward answer returns {got!r}')
            note = f"{len([c for c in it['claims']])} claims true"
        else:
            if it['faithful_id'] not in faithful: probs.append('no faithful parent')
            if it['error']['quote'] not in it['rationale']: probs.append('error quote missing')
            ok, msg = check_error(it, ret, H, lines)
            if not ok: probs.append('error not confirmed false: ' + msg)
            if it['error']['kind'] != 'wrong_final_answer' and it['direction'] == 'forward' and it['error']['kind'] != 'wrong_arithmetic':
                if lit(it['answer']) != ret: probs.append('unexpected second error in answer')
            note = f"{it['error']['kind']} confirmed: {msg}"
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['trace_events']} events) {note if not probs else '; '.join(probs)}")
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    open(report, 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out))
    return fails

if __name__ == '__main__':
    p = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'
    r = sys.argv[2] if len(sys.argv) > 2 else 'check_report.txt'
    sys.exit(1 if main(p, r) else 0)
