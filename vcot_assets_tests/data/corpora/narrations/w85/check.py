"""Standalone checker for w85 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and
returns, then checks returned, answers, every claim, and that each error really is false."""
import sys, json, copy, re

def run(code, call):
    hist, lines, rets = {}, {}, {}
    def rec(name, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v) or isinstance(v, (list, dict, str)):
                if type(v).__module__ == 'builtins':
                    rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tr
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tr
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tr)
    try:
        res = eval(compile(call, '<prog>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, rets, ns

def expr_of(c):
    if 'expr' in c:
        return c['expr']
    q = c['quote'].replace('`', '').strip()
    if c['what'] == 'arith':
        m = re.match(r'^(.*?[^=!<>])=([^=].*)$', q)
        return m.group(1).strip()
    q = re.sub(r'[,\s]+(is|are|holds|returns)?\s*(true|false)\b.*$', '', q, flags=re.I)
    return q

def truth(c, hist, lines, rets, ns, returned):
    """Return (ok, actual) for claim c."""
    what, var = c['what'], c.get('variable')
    val = eval(c['value'])
    if 'expr' in c or what in ('arith', 'comparison'):
        act = eval(expr_of(c), dict(ns))
        return act == val, act
    if what == 'count':
        if var.startswith('loop@line '):
            act = lines.get(int(var.split()[-1]), 0)
        else:
            act = len(hist.get(var, []))
        return act == val, act
    if what == 'return':
        if var in (None, '') or var not in rets:
            return val == returned, returned
        return val in rets[var], rets[var]
    h = hist.get(var, [])
    if c.get('seq'):
        n = len(val)
        ok = any(h[i:i + n] == val for i in range(len(h) - n + 1))
        return ok, h
    if 'at' in c:
        return h[c['at']] == val and type(h[c['at']]) == type(val), h[c['at']]
    return val in h, h

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails, out = 0, []
    for it in items:
        res, hist, lines, rets, ns = run(it['code'], it['call'])
        probs = []
        if repr(res) != it['returned']:
            probs.append('returned mismatch %r' % (res,))
        for q in [it['error']['quote']] if it['error'] else []:
            if q not in it['rationale']:
                probs.append('error quote missing')
        if it['rationale'].strip().splitlines()[-1] != 'Answer: ' + it['answer']:
            probs.append('answer line mismatch')
        # answer
        if it['direction'] == 'forward':
            a_ok = eval(it['answer']) == res
        else:
            ns2 = {}
            exec(it['code'], ns2)
            try:
                a_ok = repr(eval(it['answer'], ns2)) == it['returned']
            except Exception:
                a_ok = False
        ek = it['error']['kind'] if it['error'] else None
        if ek in ('wrong_final_answer', 'backward_wrong_input'):
            if a_ok: probs.append('erroneous answer is actually right')
        elif not a_ok and not (it['error'] and it['error']['carried']):
            probs.append('answer wrong')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('claim quote missing: %s' % c['quote'])
                continue
            ok, act = truth(c, hist, lines, rets, ns, res)
            is_err = it['error'] is not None and c['quote'] == it['error']['quote'] and c.get('is_error')
            if is_err:
                if ok:
                    probs.append('error claim is TRUE: %s' % c['quote'])
                if it['error'].get('held_elsewhere'):
                    v = eval(c['value'])
                    allv = [x for h in hist.values() for x in h]
                    if c.get('seq'):
                        held = all(x in hist.get(c['variable'], []) for x in v)
                    elif c['what'] == 'count':
                        held = any(v == x for x in allv) or v in lines.values()
                    else:
                        held = v in allv
                    if not held:
                        probs.append('held_elsewhere value not held anywhere')
                if ek == 'off_by_one_loop_count' and abs(eval(c['value']) - act) != 1:
                    probs.append('not off by one')
            elif c.get('carried'):
                pass
            elif not ok:
                probs.append('claim false: %s (actual %r)' % (c['quote'], act))
        if it['error'] and ek not in ('wrong_final_answer', 'backward_wrong_input'):
            if not any(c.get('is_error') for c in it['claims']):
                probs.append('no error claim')
        status = 'OK' if not probs else 'FAIL ' + '; '.join(probs)
        if probs: fails += 1
        out.append('%s %s' % (it['id'], status))
    out.append('items=%d failures=%d' % (len(items), fails))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-40:]))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
