"""Standalone checker for w481 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line snapshots, and checks claims / errors."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def snap(frame):
    out = {}
    for k, v in frame.f_locals.items():
        if hasattr(v, '__dict__') and not isinstance(v, type):
            for a, av in vars(v).items():
                try: out[k + '.' + a] = copy.deepcopy(av)
                except Exception: pass
        else:
            try: out[k] = copy.deepcopy(v)
            except Exception: pass
    return out

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)      # var -> all values taken (in order, consecutive dups removed per frame)
    lines = defaultdict(int)      # line -> times executed
    after = defaultdict(list)     # line -> snapshots after each execution
    pending = {}
    def rec(frame):
        s = snap(frame)
        for k, v in s.items():
            h = hist[k]
            if not h or h[-1] != v: h.append(v)
        return s
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>': return None
        fid = id(frame)
        if event in ('line', 'return'):
            s = rec(frame)
            if fid in pending:
                after[pending[fid]].append(s)
            if event == 'line':
                lines[frame.f_lineno] += 1
                pending[fid] = frame.f_lineno
            else:
                pending.pop(fid, None)
        elif event == 'call':
            rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, after, ns

def evalcall(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def check_claim(c, ret, hist, lines, after, code):
    w = c['what']; val = lit(c['value'])
    if w == 'value':
        v = c['variable']
        if c.get('seq'):  # sequence of values right after each execution of a line
            return [a.get(v) for a in after[c['line']]][c.get('skip', 0):c.get('upto')] == val
        if 'line' in c:   # value right after the nth execution of a line
            return after[c['line']][c['nth']].get(v) == val
        return val in hist.get(v, [])
    if w == 'count':
        return lines[c['line']] == val
    if w in ('comparison', 'arith'):
        return eval(c['expr']) == val
    if w == 'return':
        return val == ret
    if w == 'call':
        return evalcall(code, c['value']) == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = 0; report = []
    for it in items:
        probs = []
        ret, hist, lines, after, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']: probs.append('returned mismatch')
        if it['rationale'].strip().splitlines()[-1].strip() != 'Answer: ' + it['answer']:
            probs.append('last line is not the Answer line')
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote'])
            if err and (c.get('is_error') or c.get('carried')): continue
            try: ok = check_claim(c, ret, hist, lines, after, it['code'])
            except Exception as e: ok = False; probs.append('claim exc %r' % e)
            if not ok: probs.append('false claim: %s' % c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            try: ans_ok = evalcall(it['code'], it['answer']) == ret
            except Exception: ans_ok = False
        if err is None:
            if not ans_ok: probs.append('answer wrong in faithful item')
        else:
            if err['quote'] not in it['rationale']: probs.append('error quote missing')
            k = err['kind']; chk = err['check']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: probs.append('error answer is actually right')
            else:
                if not ans_ok: probs.append('answer should stay right')
                stated = lit(err['stated']); actual = lit(err['actual'])
                t = chk['type']
                if t == 'value_at':
                    real = after[chk['line']][chk['nth']].get(chk['variable'])
                    if real == stated or real != actual: probs.append('value_at not false (%r)' % (real,))
                    if err.get('held_elsewhere') and stated not in hist.get(chk['variable'], []) and not chk.get('other'):
                        probs.append('held_elsewhere but stated never held')
                    if chk.get('other') and stated not in hist.get(chk['other'], []):
                        probs.append('held_elsewhere (other var) but not held')
                elif t == 'absent':
                    if stated in hist.get(chk['variable'], []): probs.append('stated value is actually held')
                    if actual not in hist.get(chk['variable'], []): probs.append('actual not held')
                elif t == 'arith':
                    r = eval(chk['expr'])
                    if r == stated or r != actual: probs.append('arith not wrong')
                    if chk.get('held_var') and stated not in hist.get(chk['held_var'], []): probs.append('held_var does not hold stated')
                elif t == 'count':
                    if lines[chk['line']] == stated or lines[chk['line']] != actual: probs.append('count not wrong')
                elif t == 'comparison':
                    r = eval(chk['expr'])
                    if r == stated or r != actual: probs.append('comparison not wrong')
                elif t == 'swap':
                    a = after[chk['line']][chk['nth']]
                    v1, v2 = chk['vars']
                    if not (a.get(v1) == lit(chk['real'][0]) and a.get(v2) == lit(chk['real'][1])): probs.append('swap real mismatch')
                    if lit(chk['real'][0]) == lit(chk['real'][1]): probs.append('swap has equal values')
                else:
                    probs.append('unknown check ' + t)
        status = 'PASS' if not probs else 'FAIL'
        if probs: fails += 1
        report.append('%s %s %s' % (status, it['id'], '; '.join(probs)))
    report.append('TOTAL %d items, %d failing' % (len(items), fails))
    open('check_report.txt', 'w').write('\n'.join(report) + '\n')
    print('\n'.join(report))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
