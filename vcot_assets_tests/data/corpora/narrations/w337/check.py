"""Standalone checker for w337 narrations: re-executes each call with sys.settrace,
records per-variable value histories and per-line hit counts, and verifies claims/errors."""
import json, sys, ast, copy

FN = '<w337>'

def run(code, call):
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    hist, last, lines = {}, {}, {}
    prevline, iters = {}, {}
    def snap(frame):
        items = dict(frame.f_locals)
        if 'self' in items:
            try:
                for k, v in vars(items['self']).items(): items['self.' + k] = v
            except TypeError: pass
        for k, v in items.items():
            if k == 'self' or callable(v) or type(v).__module__ not in ('builtins',): continue
            key = (id(frame), k)
            try: v = copy.deepcopy(v)
            except Exception: continue
            if key in last and last[key] == v: continue
            last[key] = v
            h = hist.setdefault(k, [])
            if not h or h[-1] != v: h.append(v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != FN: return None
        if ev == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            p = prevline.get(id(frame))
            if p is not None and frame.f_lineno == p + 1:
                iters[p] = iters.get(p, 0) + 1   # loop header p -> first body line p+1
            prevline[id(frame)] = frame.f_lineno
        snap(frame)
        return tr
    sys.settrace(tr)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    lines = dict(lines); lines.update({('iter', k): v for k, v in iters.items()})
    return ret, hist, lines

def lit(s): return ast.literal_eval(s)

def loopcount(label, lines):
    # 'loop@line N': times line N (first body line) ran; 'iter@line N': iterations of the
    # loop whose header is line N (header N followed directly by body line N+1).
    kind, n = label.split('@line'); n = int(n)
    return lines.get(('iter', n), 0) if kind.strip() == 'iter' else lines.get(n, 0)

def all_values(hist):
    for h in hist.values():
        for v in h: yield v

def check_claim(c, ret, hist, lines):
    w = c['what']
    if w == 'return': return repr(lit(c['value'])) == repr(ret)
    if w in ('arith', 'comparison'): return eval(c['expr']) == lit(c['value'])
    if w == 'count':
        if c.get('expr'): return eval(c['expr']) == lit(c['value'])
        return loopcount(c['variable'], lines) == lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            seq = lit(c['value']); it = iter(h); return all(any(x == y for y in it) for x in seq)
        return lit(c['value']) in h
    return False

def check_error(e, item, ret, hist, lines, ns_code):
    at = e['at']; st = e['stated']
    if 'expr' in at: return repr(eval(at['expr'])) != repr(lit(st)) if e['kind'] != 'branch_not_taken' else eval(at['expr']) != lit(st)
    if 'loop' in at: return loopcount(at['loop'], lines) != lit(st)
    if 'final' in at: return repr(lit(item['answer'])) != repr(ret)
    if 'call' in at:
        r2, _, _ = run(item['code'], item['answer']); return repr(r2) != repr(ret) and repr(r2) == e['actual']
    if 'swap' in at:
        return all(hist[v][i] != lit(s) for v, i, s in at['swap'])
    if 'var' in at:
        h = hist[at['var']]
        if at.get('never'): return lit(st) not in h
        return h[at['index']] != lit(st) and repr(h[at['index']]) == e['actual']
    return False

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    bad = 0; rep = []
    for it in items:
        probs = []
        ret, hist, lines = run(it['code'], it['call'])
        if repr(ret) != it['returned']: probs.append('returned mismatch')
        if it['rationale'].strip().splitlines()[-1].strip() != 'Answer: ' + it['answer']: probs.append('answer line')
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote'])
            if c.get('error'): continue
            if not check_claim(c, ret, hist, lines): probs.append('claim false: ' + c['quote'])
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if repr(lit(it['answer'])) != repr(ret): probs.append('forward answer wrong')
            else:
                r2, _, _ = run(it['code'], it['answer'])
                if repr(r2) != repr(ret): probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            if not check_error(e, it, ret, hist, lines, it['code']): probs.append('error not confirmed false')
            if e.get('held_elsewhere'):
                try: sv = lit(e['stated'])
                except Exception: sv = None
                if not any(sv == v for v in all_values(hist)) and sv not in lines.values():
                    probs.append('held_elsewhere but stated value never held')
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                # answer must still be right
                if it['direction'] == 'forward' and repr(lit(it['answer'])) != repr(ret): probs.append('answer changed')
                if it['direction'] == 'backward':
                    r2, _, _ = run(it['code'], it['answer'])
                    if repr(r2) != repr(ret): probs.append('answer changed')
        st = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        rep.append(f"{st} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ('' if not probs else ' :: ' + '; '.join(probs)))
    rep.append(f"TOTAL {len(items)} items, {len(items)-bad} pass, {bad} fail")
    print('\n'.join(rep))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
