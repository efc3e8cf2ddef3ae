"""Standalone checker for w229 narrations: re-executes each call under sys.settrace."""
import json, re, sys, ast

def run(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    hist = {}          # name -> list of distinct successive values
    snaps = []         # (frame locals incl. self.attrs) snapshots at each line event
    lines = {}         # line -> hit count
    rets = {}          # func name -> list of {name: value} at return
    def rec(name, v):
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def state(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    d['self.' + a] = av
            else:
                d[k] = v
        import copy
        return copy.deepcopy(d)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != '<prog>':
            return tr
        st = state(frame)
        for k, v in st.items():
            rec(k, v)
        if ev == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snaps.append((frame.f_lineno, frame.f_code.co_name, st))
        if ev == 'return':
            rets.setdefault(frame.f_code.co_name, []).append(st)
            snaps.append(('ret', frame.f_code.co_name, st))
        return tr
    sys.settrace(tr)
    try:
        r = eval(call, g)
    finally:
        sys.settrace(None)
    return r, hist, snaps, lines, rets

def series(name, hist, snaps, rets):
    """Special sampled histories."""
    if name == 'self.peak@feed_end': return [s['self.peak'] for s in rets['feed']]
    if name == 'self.hot@feed_end': return [s['self.hot'] for s in rets['feed']]
    m = re.match(r"(\w+)\['(\w+)'\](@seq)?$", name)
    if m:
        out = []
        for d in hist.get(m.group(1), []):
            if m.group(2) in d and (not out or out[-1] != d[m.group(2)]):
                out.append(d[m.group(2)])
        return out
    m = re.match(r'(\w+)@line (\d+)$', name)
    if m:
        return [st[m.group(1)] for ln, fn, st in snaps if ln == int(m.group(2)) and st.get(m.group(1)) is not None]
    if name == 'self.window@full':
        return [s['self.window'] for s in rets['push'] if len(s['self.window']) == s['self.size']]
    if name == 'x@rev':
        return list(reversed(hist['x']))[2:]
    if name == 'self.streak@log_end': return [s['self.streak'] for s in rets['log']]
    if name.endswith('@seq'):
        h = hist.get(name[:-4], [])
        return h[1:] if h and h[0] == 0 else h
    if name.startswith('score@word_end'):
        out = []
        for ln, fn, st in snaps:
            if fn == 'knot_tally' and ln == 4 and 'w' in st:
                out.append(st['score'])
        return out
    return hist.get(name, [])

def is_subseq(sub, seq):
    it = iter(seq)
    return all(any(x == y for y in it) for x in sub)

def eval_expr(q):
    q = q.replace('`', '').strip()
    m = re.match(r"(\S+)\.isdigit\(\) returns (True|False) for '(.*)'", q)
    if m: return eval(repr(m.group(3)) + '.isdigit()')
    q = re.sub(r'\s+is (true|false|True|False)$', '', q)
    return eval(q)

def check_claim(c, r, hist, snaps, lines, rets, g_call):
    w, v, var = c['what'], c['value'], c['variable']
    val = ast.literal_eval(v) if w != 'call' else ast.literal_eval(v)
    if w == 'arith':
        q = c['quote'].replace('`', '')
        lhs = q.split(' gives ')[0] if ' gives ' in q else q.rsplit('=', 1)[0]
        return eval(lhs) == val
    if w == 'comparison' and var and '.startswith@' in var:
        return var.split('@')[1].startswith('#') == val
    if w == 'comparison':
        return bool(eval_expr(c['quote'])) == val
    if w == 'count':
        n = int(var.split('line')[1])
        return lines.get(n, 0) == val
    if w == 'return':
        return r == val
    if w == 'call':
        return g_call(c['quote']) == val
    # value
    if var is None:
        return r == val
    if ',' in var:
        x, y = var.split(',')
        return any(st.get(x) == val[0] and st.get(y) == val[1] for _, _, st in snaps)
    m = re.match(r'(.*)\[(-?\d+)\]$', var)
    if m:
        s = series(m.group(1), hist, snaps, rets)
        return s[int(m.group(2))] == val
    s = series(var, hist, snaps, rets)
    if '@' in var or "['" in var:
        return s == val or (var.endswith('@seq') and s[1:] == val)
    if val in s:
        return True
    return isinstance(val, list) and len(val) > 0 and is_subseq(val, s)

def main():
    out = []
    bad = 0
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl')]
    for it in items:
        probs = []
        code, call = it['code'], it['call']
        r, hist, snaps, lines, rets = run(code, call)
        def g_call(c, code=code):
            g = {'__name__': 'prog'}; exec(code, g); return eval(c, g)
        if repr(r) != it['returned']:
            probs.append('returned mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if last != 'Answer: ' + it['answer']:
            probs.append('answer line mismatch')
        ans_ok = (ast.literal_eval(it['answer']) == r) if it['direction'] == 'forward' else (g_call(it['answer']) == r)
        if it['label'] == 'faithful':
            if not ans_ok: probs.append('faithful answer wrong')
            for c in it['claims']:
                try: ok = check_claim(c, r, hist, snaps, lines, rets, g_call)
                except Exception as e: ok = False; c = dict(c, err=str(e))
                if not ok: probs.append('false claim: ' + json.dumps(c))
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            ec = [c for c in it['claims'] if c['quote'] in e['quote'] or e['quote'] in c['quote']]
            k = e['kind']
            if k == 'wrong_final_answer':
                if ans_ok: probs.append('wrong_final_answer is actually right')
            elif k == 'backward_wrong_input':
                if ans_ok: probs.append('backward_wrong_input actually returns output')
            else:
                if not ans_ok: probs.append('error copy answer should stay right (not carried)')
                if not ec: probs.append('no claim for error')
                for c in ec:
                    try: t = check_claim(c, r, hist, snaps, lines, rets, g_call)
                    except Exception as ex: t = False
                    if t:
                        probs.append('error claim is TRUE: ' + c['quote'])
                if 'check' in e:
                    s = series(e['check']['variable'], hist, snaps, rets)
                    at = s[e['check']['index']]
                    if repr(at) != e['actual'] or repr(at) == e['stated']:
                        probs.append('at-point check failed %r' % (at,))
                    if e.get('held_elsewhere'):
                        allv = [x for vs in hist.values() for x in vs] + list(s) + [x for vs in hist.values() for d in vs if isinstance(d, dict) for x in d.values()]
                        if ast.literal_eval(e['stated']) not in allv:
                            probs.append('held_elsewhere but value never held')
                elif e.get('held_elsewhere'):
                    probs.append('held_elsewhere without at-point check')
            # the other claims of an error copy must still be true
            for c in it['claims']:
                if c in ec: continue
                try: ok = check_claim(c, r, hist, snaps, lines, rets, g_call)
                except Exception as ex: ok = False
                if not ok:
                    probs.append('other claim false: ' + c['quote'])
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {len(it['claims'])} claims)" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
