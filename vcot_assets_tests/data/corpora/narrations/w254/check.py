"""Standalone checker for w254 narrations: runs each program with sys.settrace,
records per-variable value histories (locals + self.attrs), line hit counts,
and checks claims / answers / errors. Usage: python3 check.py > check_report.txt"""
import ast, json, re, sys, copy

def run(code, call):
    hist, lines = {}, {}
    def rec(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == 'self':
                items = [('self.' + a, b) for a, b in vars(v).items()] if hasattr(v, '__dict__') else []
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        rec(frame)
        return tr
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def is_subseq(seq, h):
    n = len(seq)
    return any(list(h[i:i+n]) == list(seq) for i in range(len(h) - n + 1))

def lhs_eval(quote):
    q = quote.replace('`', '').replace('→', '=')
    q = re.sub(r'\bis\b', '=', q)
    m = re.match(r'\s*(.*?[^=!<>])=(?!=)\s*(.*)$', q)
    return eval(m.group(1)), m.group(2).strip().rstrip('.,')

def check_claim(c, ret, hist, lines):
    w, v, var = c['what'], ast.literal_eval(c['value']), c['variable']
    if w == 'return':
        return v == ret
    if w == 'count':
        n = int(var.split('@line')[1]) if '@line' in var else None
        return lines.get(n, 0) == v
    if w == 'arith':
        return lhs_eval(c['quote'])[0] == v
    if w == 'call':
        return eval(c['expr']) == v
    if w == 'comparison':
        if var and var.startswith('line@'):
            return (lines.get(int(var[5:]), 0) > 0) == v
        return bool(eval(c['expr'])) == v
    if w == 'value':
        if c.get('sequence'):
            return is_subseq(v, hist.get(var, []))
        if var is None:
            return any(v in h for h in hist.values()) or v == ret
        return v in hist.get(var, [])
    raise ValueError(w)

def check_error(e, item, ret, hist, lines, ns):
    at = e['at']
    k = e['kind']
    stated = e['stated']
    if k == 'wrong_final_answer':
        return ast.literal_eval(item['answer']) != ret
    if k == 'backward_wrong_input':
        return eval(item['answer'], ns) != ret
    if k == 'wrong_arithmetic':
        return lhs_eval(e['quote'])[0] != ast.literal_eval(stated)
    ok = True
    for a in at:
        if 'line' in a:          # loop count
            ok &= lines.get(a['line'], 0) == a['actual'] and a['stated'] != a['actual']
        elif 'line_hit' in a:    # branch taken / not taken
            ok &= (lines.get(a['line_hit'], 0) > 0) != a['stated']
        elif 'eval' in a:        # derived value
            ok &= eval(a['eval']) != a['stated']
        elif 'expr' in a:
            ok &= bool(eval(a['expr'])) != a['stated']
        else:                    # value of var at history index
            h = hist[a['var']]
            ok &= h[a['index']] != a['stated']
            if a.get('never'):
                ok &= a['stated'] not in h
            if e.get('held_elsewhere'):
                ok &= any(a['stated'] in hh for hh in hist.values())
    return ok

def main(path='narrations.jsonl'):
    items = [json.loads(l) for l in open(path)]
    fails = 0
    progs = {}
    for it in items:
        ret, hist, lines, ns = run(it['code'], it['call'])
        msgs = []
        if repr(ret) != it['returned']:
            msgs.append('returned mismatch %r' % (ret,))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append('quote not in rationale: %r' % c['quote'])
        if not it['rationale'].rstrip().split('\n')[-1].startswith('Answer: ' + it['answer']):
            msgs.append('answer line mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                try:
                    good = check_claim(c, ret, hist, lines)
                except Exception as ex:
                    good = False; msgs.append('claim error %r %s' % (c['quote'], ex))
                if not good:
                    msgs.append('FALSE claim %r' % c['quote'])
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret: msgs.append('forward answer wrong')
            else:
                if eval(it['answer'], ns) != ret: msgs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                msgs.append('error quote missing')
            try:
                if not check_error(e, it, ret, hist, lines, ns):
                    msgs.append('error not confirmed false')
            except Exception as ex:
                msgs.append('error check exception %s' % ex)
            # other claims still true
            for c in it['claims']:
                if c.get('is_error'):
                    continue
                try:
                    if not check_claim(c, ret, hist, lines) and not e.get('carried'):
                        msgs.append('non-error claim false %r' % c['quote'])
                except Exception as ex:
                    msgs.append('claim error %s' % ex)
            if it['direction'] == 'forward' and e['kind'] != 'wrong_final_answer' and not e.get('carried'):
                if ast.literal_eval(it['answer']) != ret: msgs.append('answer changed without carry')
        status = 'PASS' if not msgs else 'FAIL'
        fails += bool(msgs)
        print(status, it['id'], '; '.join(msgs))
    print('TOTAL', len(items), 'FAIL', fails)
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(*sys.argv[1:]) else 0)
