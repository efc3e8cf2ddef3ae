"""Standalone checker for w283 narrations: re-executes each program under sys.settrace."""
import ast, copy, json, sys

FILE = '<w283prog>'

def run(code, call):
    ns = {}
    exec(compile(code, FILE, 'exec'), ns)
    hist = {}        # key -> list of values (consecutive duplicates removed)
    lines = []       # sequence of executed line numbers
    timeline = []    # (frame id, line, {name: value}) at every line event
    def rec(key, val):
        h = hist.setdefault(key, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        st = {}
        for name, val in frame.f_locals.items():
            if name != 'self':
                try: st[name] = copy.deepcopy(val)
                except Exception: st[name] = val
        timeline.append((id(frame), frame.f_lineno, st))
        for name, val in frame.f_locals.items():
            if name == 'self':
                for a, av in vars(val).items():
                    rec(('obj', id(val), 'self.' + a), av)
            else:
                rec(('frame', id(frame), name), val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if event == 'line':
            snap(frame); lines.append(frame.f_lineno)
        elif event == 'return':
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    by_name = {}
    for key, h in hist.items():
        by_name.setdefault(key[-1], []).append(h)
    by_name['__timeline__'] = timeline
    return ret, by_name, lines, ns

def check_claim(c, ret, by_name, lines, ns):
    w = c['what']; val = c['value']
    if w in ('comparison', 'arith'):
        return eval(c['expr'], {}) == ast.literal_eval(val)
    if w == 'return':
        return ast.literal_eval(val) == ret
    if w == 'call':
        return eval(val, dict(ns)) == ret
    if w == 'count':
        if 'outer_line' in c:
            segs, cur = [], None
            for ln in lines:
                if ln == c['outer_line']:
                    if cur is not None: segs.append(cur)
                    cur = 0
                elif ln == c['loop_line'] and cur is not None:
                    cur += 1
            if cur is not None: segs.append(cur)
            segs = [s for s in segs]  # segment k = k-th outer-iteration's inner count
            return segs[c['segment'] - 1] == int(val)
        if 'loop_var' in c:
            return max(len(h) for h in by_name[c['loop_var']]) == int(val)
        return lines.count(c['loop_line']) == int(val)
    if w == 'value':
        hs = by_name.get(c['variable'], [])
        v = ast.literal_eval(val)
        if 'sample_on' in c:
            # value of the variable each time the sampling variable changes, plus the final value
            samp, last, cur = [], object(), None
            for fid, ln, st in by_name['__timeline__']:
                if c['variable'] not in st: continue
                cur = st[c['variable']]
                sv = st.get(c['sample_on'], None)
                if sv != last:
                    samp.append(cur); last = sv
            samp.append(cur)
            ded = [x for k, x in enumerate(samp) if k == 0 or samp[k-1] != x]
            sv = list(v); sv = [x for k, x in enumerate(sv) if k == 0 or sv[k-1] != x]
            return ded == sv
        if c.get('sequence'):
            return any(h == list(v) for h in hs)
        if 'index' in c:
            longest = max(hs, key=len) if hs else []
            return len(longest) > c['index'] and longest[c['index']] == v
        return any(v in h for h in hs)
    raise ValueError(w)

def occurs(c, by_name):
    v = ast.literal_eval(c['value'])
    hs = by_name.get(c['variable'], [])
    allh = [h for k, hl in by_name.items() if k != '__timeline__' for h in hl]
    if c.get('sequence') or 'sample_on' in c:
        return all(any(x in h for h in allh) for x in v)
    # held by this variable at another moment, or by another variable
    return any(v in h for h in hs) or any(v in h for h in allh)

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails, lines_out = 0, []
    faithful = {it['id']: it for it in items if it['label'] == 'faithful'}
    for it in items:
        ret, by_name, lines, ns = run(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        err = it['error']
        bad_quote = err['quote'] if err else None
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
            ok = check_claim(c, ret, by_name, lines, ns)
            is_err = err is not None and c['quote'] == bad_quote
            if is_err and ok:
                probs.append('error claim is TRUE: ' + c['quote'])
            if not is_err and not ok:
                probs.append('claim false: ' + c['quote'])
            if is_err and err.get('held_elsewhere') and c['what'] == 'value' and not occurs(c, by_name):
                probs.append('held_elsewhere value never held: ' + c['quote'])
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            ans_ok = eval(it['answer'], dict(ns)) == ret
        must_be_wrong = err is not None and (err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
                                             or (err.get('carried') and it['answer'] != faithful[it['faithful_id']]['answer']))
        if must_be_wrong == ans_ok:
            probs.append('answer check failed (wrong expected=%s)' % must_be_wrong)
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']):
            probs.append('Answer line mismatch')
        if err is not None and not any(c['quote'] == bad_quote for c in it['claims']):
            probs.append('error has no matching claim')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        lines_out.append(f"{status} {it['id']} ({it['label']}{', ' + err['kind'] if err else ''}) {'; '.join(probs)}")
    lines_out.append(f"{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print('\n'.join(lines_out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
