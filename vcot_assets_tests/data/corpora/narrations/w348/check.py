#!/usr/bin/env python3
"""Standalone checker for w348 narrations: re-executes each program with sys.settrace,
records per-function variable histories and line hit counts, and checks claims/errors."""
import json, sys, ast, copy

def run_traced(code, call):
    hist = {}      # (func, var) -> list of successive values (only on change)
    lines = {}     # lineno -> hit count (module "<prog>")
    last = {}      # id(frame) -> dict of last seen values
    def snap(v):
        try:
            return copy.deepcopy(v)
        except Exception:
            return repr(v)
    def record(frame):
        fn = frame.f_code.co_name
        seen = last.setdefault(id(frame), {})
        items = dict(frame.f_locals)
        if 'self' in items:
            for k, v in vars(items['self']).items():
                items['self.' + k] = v
            del items['self']
        for k, v in items.items():
            if k.startswith('__'):
                continue
            s = snap(v)
            if k not in seen or seen[k] != s:
                seen[k] = s
                hist.setdefault((fn, k), []).append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'call':
            last[id(frame)] = {}   # frame ids can be reused: start fresh per call
        record(frame)
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == 'return':
            record(frame)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<prog>-call', 'eval'), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def find_var(hist, var):
    if '[' in var:  # e.g. conf['depth']: value history of one entry of a container
        base, sub = var.split('[', 1)
        vals = []
        for x in find_var(hist, base):
            try:
                v = eval('x[' + sub, {'x': x})
            except Exception:
                continue
            if not vals or vals[-1] != v:
                vals.append(v)
        return vals
    out = []
    for (fn, v), h in hist.items():
        if v == var or f"{fn}.{v}" == var:
            out.extend(h)
    return out

def all_values(hist):
    for h in hist.values():
        for x in h:
            yield x

def check_claim(c, ret, hist, lines, code):
    w = c['what']; val = lit(c['value'])
    if w == 'value':
        return val in find_var(hist, c['variable']), f"value {c['variable']}={val!r}"
    if w == 'count':
        ln = c['line']
        return lines.get(ln, 0) == val, f"count line {ln} hits {lines.get(ln,0)} vs {val}"
    if w in ('arith', 'comparison'):
        expr = c.get('expr', c['quote'])
        got = eval(expr, {})
        return got == val, f"{expr} -> {got!r} vs {val!r}"
    if w == 'return':
        return ret == val, f"return {ret!r} vs {val!r}"
    if w == 'call':
        got = plain_call(code, c['value'])
        return got == ret, f"call gives {got!r}"
    return False, 'unknown claim type'

def check_error(e, item, ret, hist, lines):
    chk = e['check']; t = chk['type']
    stated = lit(chk.get('stated', e['stated'])); actual = lit(chk.get('actual', e['actual']))
    ok = True; msgs = []
    if t == 'history_at':
        h = find_var(hist, chk['variable']) if 'func' not in chk else hist[(chk['func'], chk['variable'])]
        if chk.get('dedupe'):
            h = [x for i, x in enumerate(h) if i == 0 or h[i - 1] != x]
        real = h[chk['index']]
        ok &= real == actual and real != stated; msgs.append(f"hist[{chk['index']}]={real!r}")
    elif t == 'never':  # impossible state: stated value never held by the variable, actual one is
        h = find_var(hist, chk['variable'])
        ok &= stated not in h and actual in h; msgs.append(f"history of {chk['variable']} has {len(h)} values")
    elif t == 'count':
        real = lines.get(chk['line'], 0)
        ok &= real == actual and real != stated; msgs.append(f"line hits {real}")
    elif t in ('arith', 'comparison'):
        real = eval(chk['expr'], {})
        ok &= real == actual and real != stated; msgs.append(f"{chk['expr']} = {real!r}")
    elif t == 'answer':
        if item['direction'] == 'forward':
            ok &= lit(item['answer']) != ret and ret == actual; msgs.append('forward answer differs')
        else:
            got = plain_call(item['code'], item['answer'])
            ok &= got != ret; msgs.append(f"bwd answer gives {got!r}")
    else:
        ok = False; msgs.append('unknown check')
    if e.get('held_elsewhere'):
        pool = find_var(hist, chk['held_var']) if 'held_var' in chk else list(all_values(hist))
        held = stated in pool
        ok &= held; msgs.append(f"held elsewhere: {held}")
    ok &= e['quote'] in item['rationale']
    return ok, '; '.join(msgs)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    fails = 0; out = []
    for it in items:
        ret, hist, lines = run_traced(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']:
            probs.append(f"returned mismatch {ret!r}")
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"quote missing: {c['quote']!r}")
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, m = check_claim(c, ret, hist, lines, it['code'])
                if not ok: probs.append('claim false: ' + m)
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                if plain_call(it['code'], it['answer']) != ret: probs.append('backward answer wrong')
        else:
            e = it['error']
            ok, m = check_error(e, it, ret, hist, lines)
            if not ok: probs.append('error not confirmed: ' + m)
            # all other claims must still hold, except the error quote and carried ones
            for c in it['claims']:
                if c['quote'] == e['quote'] or c.get('carried'):
                    continue
                ok2, m2 = check_claim(c, ret, hist, lines, it['code'])
                if not ok2: probs.append('non-error claim false: ' + m2)
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != ret and not e.get('carried'):
                    probs.append('answer wrong in non-answer error')
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ('' if not probs else ' :: ' + ' | '.join(probs)))
    out.append(f"TOTAL {len(items)} items, {fails} failing")
    print('\n'.join(out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
