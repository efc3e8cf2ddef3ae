"""Standalone checker for w489 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, then checks claims/answers/errors."""
import ast, copy, json, re, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

LINE_SNAPS = defaultdict(list)

def run(code, call):
    LINE_SNAPS.clear()
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)   # name -> list of successive distinct values (global order)
    hits = defaultdict(int)
    last = {}                  # (frame id, name) -> last value
    def record(frame):
        items = dict(frame.f_locals)
        if 'self' in items:
            s = items['self']
            for k, v in getattr(s, '__dict__', {}).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or k.startswith('.'):
                continue
            if callable(v) and not isinstance(v, (list, dict)):
                continue
            key = (id(frame), k)
            sv = snap(v)
            if key not in last or last[key] != sv:
                last[key] = sv
                if not hist[k] or hist[k][-1] != sv or True:
                    hist[k].append(sv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if frame.f_code.co_name in ('<listcomp>', '<genexpr>', '<dictcomp>', '<setcomp>'):
            return None
        if event == 'line':
            hits[frame.f_lineno] += 1
            LINE_SNAPS[frame.f_lineno].append({k: snap(v) for k, v in frame.f_locals.items() if k != 'self'})
        record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits, g

def plain_eval(call, code):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def finals(h):
    # 'higher' history: each cell starts with 0; its final value is the last before the next fresh 0.
    out, cur = [], None
    for x in h:
        if x == 0 and cur is not None:
            out.append(cur)
        cur = x
    out.append(cur)
    return out

def left_expr(q, c):
    if c.get('expr'):
        return c['expr']
    s = q.strip('`')
    if c['what'] == 'comparison':
        return re.split(r",|\bis\b|`", s)[0].strip() if c.get('expr') is None else c['expr']
    return s.split('=')[-2].strip().strip('`')  # 'x = a - b = r' -> 'a - b'

def claim_ok(c, ret, hist, hits, code):
    w = c['what']
    val = c['value']
    if w == 'value':
        v = ast.literal_eval(val)
        h = hist.get(c['variable'], [])
        if c.get('seq'):
            return h[c.get('start', 0):] == v
        if c.get('negatives'):  # successive negative values taken
            return [x for x in h if x < 0] == v
        if c.get('at_line'):  # the variable's value each time the given line is reached
            return [snap_[c['variable']] for snap_ in LINE_SNAPS[c['at_line']]] == v
        if c.get('peaks'):  # value just before each drop (end of each run)
            pk = [h[i] for i in range(len(h)) if h[i] and (i + 1 == len(h) or h[i + 1] < h[i])]
            return pk == v
        return v in h
    if w == 'count':
        if c.get('row_len'):  # inner-loop count for one given row of the input
            row, n = c['row_len']
            return row in hist.get(c['variable'], []) and len(row) == ast.literal_eval(val)
        if not c['variable'].startswith('loop@'):
            return len(hist.get(c['variable'], [])) == ast.literal_eval(val)
        line = int(c['variable'].split('line')[-1])
        return hits[line] == ast.literal_eval(val)
    if w in ('arith', 'comparison'):
        e = left_expr(c['quote'], c)
        return eval(e, {}) == ast.literal_eval(val)
    if w == 'return':
        return ret == ast.literal_eval(val)
    if w == 'call':
        return plain_eval(c['quote'], code) == ast.literal_eval(val)
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, fails = [], 0
    for it in items:
        probs = []
        ret, hist, hits, g = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        last = it['rationale'].strip().splitlines()[-1]
        if not last.startswith('Answer: ') or last[len('Answer: '):].strip() != it['answer']:
            probs.append('answer line mismatch')
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            try:
                ans_ok = plain_eval(it['answer'], it['code']) == ret
            except Exception as ex:
                ans_ok = False
        err = it['error']
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
                continue
            is_err = err is not None and err['quote'] in c['quote']
            ok = claim_ok(c, ret, hist, hits, it['code'])
            if is_err and 'at' in err:
                continue  # held-elsewhere value: judged at its point below, not over the whole run
            if is_err and ok:
                probs.append('error claim is actually true: ' + c['quote'])
            if not is_err and not ok:
                probs.append('claim false: ' + c['quote'])
        if err is None:
            if not ans_ok:
                probs.append('faithful answer wrong')
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    probs.append('wrong answer is actually right')
                if k == 'backward_wrong_input' and repr(plain_eval(it['answer'], it['code'])) != err['actual']:
                    probs.append('backward actual mismatch')
            else:
                if not ans_ok:
                    probs.append('answer should remain right')
                if not any(err['quote'] in c['quote'] or c['quote'] in err['quote'] for c in it['claims']) and 'at' not in err:
                    probs.append('no way to check error')
            if 'at' in err:
                at = err['at']
                h = hist[at['variable']]
                if 'line' in at:
                    h = [snap_[at['variable']] for snap_ in LINE_SNAPS[at['line']]]
                stated = ast.literal_eval(at.get('value', err['stated']))
                actual_here = h[at['index']]
                if actual_here == stated:
                    probs.append('stated value true at that point')
                if 'value' not in at and actual_here != ast.literal_eval(err['actual']):
                    probs.append('actual mismatch at point')
                if err.get('held_elsewhere') and stated not in hist[at['variable']]:
                    probs.append('held_elsewhere but never held')
            if err.get('held_elsewhere') and 'at' not in err:
                probs.append('held_elsewhere needs a point')
        status = 'OK ' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {err['kind'] if err else '-'}) " + '; '.join(probs))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    txt = '\n'.join(out)
    open('check_report.txt', 'w').write(txt + '\n')
    print(txt)
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
