#!/usr/bin/env python3
"""Standalone checker for w377 narrations: re-executes every program with sys.settrace,
records per-line snapshots of locals (and self.<attr>), and checks claims / answers / errors."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    events = []  # (kind, func, line, snapshot)
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    d['self.' + a] = copy.deepcopy(av)
        return d
    def local(frame, event, arg):
        if event in ('line', 'return'):
            s = snap(frame)
            if event == 'return':
                s['<ret>'] = copy.deepcopy(arg)
            events.append((event, frame.f_code.co_name, frame.f_lineno, s))
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == '<prog>':
            return local
        return None
    sys.settrace(glob)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, events

def norm(x):
    if isinstance(x, (list, tuple)):
        return [norm(i) for i in x]
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items()}
    return x

def history(events, var):
    h = []
    for _, _, _, s in events:
        if var in s:
            v = norm(s[var])
            if not h or h[-1] != v:
                h.append(v)
    return h

def at(events, line, when):
    for kind, fn, ln, s in events:
        if line == 'return':
            if kind != 'return':
                continue
        elif not (kind == 'line' and ln == line):
            continue
        if all(k in s and norm(s[k]) == norm(v) for k, v in when.items()):
            return s
    raise KeyError(f'no event at line {line} with {when}')

def count(events, line):
    return sum(1 for k, _, ln, _ in events if k == 'line' and ln == line)

def seq(events, var, line, skip_first=False):
    vals = [norm(s[var]) for k, _, ln, s in events if k == 'line' and ln == line and var in s]
    return vals[1:] if skip_first else vals

def lit(s):
    return norm(ast.literal_eval(s))

def check_claim(c, ev, ret, ns):
    w, var = c['what'], c['variable']
    if w == 'value':
        val = lit(c['value'])
        if 'seq_line' in c:
            got = seq(ev, var, c['seq_line'], c.get('seq_skip_first', False))
            if 'seq_slice' in c:
                got = got[c['seq_slice'][0]:c['seq_slice'][1]]
            return got == val, f'seq {got}'
        h = history(ev, var)
        if 'hist_slice' in c:
            a, b = c['hist_slice']
            return h[a:b] == val, f'hist {h[a:b]}'
        return val in h, f'history {h}'
    if w == 'count':
        n = count(ev, c['line']) + c.get('offset', 0)
        return n == lit(c['value']), f'count {n}'
    if w in ('arith', 'comparison'):
        got = norm(eval(c['expr'], {}))
        return got == lit(c['value']), f'eval {got}'
    if w == 'return':
        return lit(c['value']) == norm(ret), f'returned {ret!r}'
    if w == 'call':
        got = eval(c['value'], ns)
        return norm(got) == norm(ret), f'call gives {got!r}'
    return False, 'unknown claim kind'

def check_error(it, ev, ret, ns):
    e = it['error']; ck = e['check']; t = ck['type']
    stated = e['stated']
    if t == 'arith':
        got = norm(eval(ck['expr'], {}))
        return got != lit(stated) and got == lit(e['actual']), f'{ck["expr"]} = {got}'
    if t == 'count':
        n = count(ev, ck['line']) + ck.get('offset', 0)
        return n != lit(stated) and n == lit(e['actual']), f'count {n}'
    if t == 'answer':
        if it['direction'] == 'forward':
            return lit(it['answer']) != norm(ret), f'returned {ret!r}'
        got = eval(it['answer'], ns)
        return norm(got) != norm(ret), f'wrong call gives {got!r} (output {ret!r})'
    if t == 'at':
        s = at(ev, ck['line'], ck['when'])
        v = norm(s[ck['var']])
        sv = ck['stated_value'] if 'stated_value' in ck else lit(stated)
        ok = v != norm(sv)
        if 'stated_value' not in ck:
            ok = ok and v == lit(e['actual'])
        return ok, f'{ck["var"]} at that point = {v!r}'
    if t == 'linehit':
        hit = True
        try:
            at(ev, ck['line'], ck['when'])
        except KeyError:
            hit = False
        return hit != ck['stated_hit'], f'line {ck["line"]} hit={hit}'
    if t == 'never':
        h = history(ev, ck['var'])
        if 'key' in ck:
            h = [x.get(ck['key']) for x in h]
        return norm(ck['value']) not in h, f'history {h}'
    if t == 'seq':
        vals = seq(ev, ck['var'], ck['line'], ck.get('skip_first', False))
        v = vals[ck['index']]
        return v != lit(stated) and v == lit(e['actual']), f'seq {vals}'
    if t == 'hist':
        h = history(ev, ck['var'])
        v = h[ck['index']]
        return v != lit(stated) and v == lit(e['actual']), f'hist {h}'
    return False, 'unknown check'

def main(path, report):
    out = []; bad = 0; n = 0
    for line in open(path):
        it = json.loads(line); n += 1
        msgs = []
        ns, ret, ev = run_traced(it['code'], it['call'])
        if repr(ret) != it['returned']:
            msgs.append(f'returned mismatch {ret!r} vs {it["returned"]}')
        last = it['rationale'].strip().splitlines()[-1]
        if last.strip() != 'Answer: ' + it['answer']:
            msgs.append(f'last line {last!r} != answer')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append(f'quote missing: {c["quote"]!r}')
            if c.get('is_error'):
                continue
            ok, info = check_claim(c, ev, ret, ns)
            if not ok:
                msgs.append(f'claim false: {c["quote"]!r} ({info})')
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != norm(ret):
                    msgs.append('forward answer wrong')
            else:
                got = eval(it['answer'], ns)
                if norm(got) != norm(ret):
                    msgs.append(f'backward answer gives {got!r}')
        else:
            if it['error']['quote'] not in it['rationale']:
                msgs.append('error quote missing')
            ok, info = check_error(it, ev, ret, ns)
            if not ok:
                msgs.append(f'error not confirmed false ({info})')
            else:
                info = 'confirmed false: ' + info
        status = 'PASS' if not msgs else 'FAIL'
        if msgs:
            bad += 1
        extra = '' if it['label'] == 'faithful' else f' [{it["error"]["kind"]}] {info if not msgs else ""}'
        out.append(f'{status} {it["id"]}{extra}' + ''.join('\n    ' + m for m in msgs))
    out.append(f'\n{n} items, {n - bad} pass, {bad} fail')
    txt = '\n'.join(out)
    open(report, 'w').write(txt + '\n')
    print(txt)
    return bad

if __name__ == '__main__':
    d = '/work/corpus/narrations/w377/'
    p = sys.argv[1] if len(sys.argv) > 1 else d + 'narrations.jsonl'
    r = sys.argv[2] if len(sys.argv) > 2 else d + 'check_report.txt'
    sys.exit(1 if main(p, r) else 0)
