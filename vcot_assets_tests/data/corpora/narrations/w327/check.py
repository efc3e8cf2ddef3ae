"""Standalone checker for w327 narrations: runs each program under sys.settrace, records
per-variable value histories and line hit counts, and checks every claim / answer / error."""
import json, sys, copy, re, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    H = {}          # name -> list of values in order of change (per frame, deduped)
    last = {}       # (frame id, name) -> last repr
    hits = {}       # line -> count
    frame_hits, frame_order = {}, []   # per-call line counts, in call order
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for a, v in vars(s).items():
                items['self.' + a] = v
        for name, v in items.items():
            if name == 'self' or callable(v):
                continue
            r = repr(v)
            if last.get(name) != r:   # consecutive duplicates (e.g. self.x seen again in a new frame) are merged
                last[name] = r
                try:
                    H.setdefault(name, []).append(copy.deepcopy(v))
                except Exception:
                    H.setdefault(name, []).append(r)
    def local(frame, event, arg):
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            for name, v in frame.f_locals.items():   # every value seen each time a line is reached
                if name != 'self' and not callable(v):
                    try:
                        H.setdefault(f'{name}@line {frame.f_lineno}', []).append(copy.deepcopy(v))
                    except Exception:
                        pass
            fh = frame_hits.setdefault(frame, {})   # frame object as key: ids get reused
            if not fh:
                frame_order.append(fh)
            fh[frame.f_lineno] = fh.get(frame.f_lineno, 0) + 1
        snap(frame)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == '<prog>':
            snap(frame)
            return local
        return None
    sys.settrace(glob)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hits['per_call'] = frame_order
    return ns, H, hits, ret

def history(H, var):
    m = re.fullmatch(r'(\w+(?:\.\w+)?)\[(.+)\]', var or '')
    if m:
        base, key = m.group(1), ast.literal_eval(m.group(2))
        out = []
        for d in H.get(base, []):
            ok = (isinstance(d, dict) and key in d) or (isinstance(d, list) and -len(d) <= key < len(d))
            if ok and (not out or out[-1] != d[key]):
                out.append(d[key])
        return out
    return H.get(var, [])

def is_subseq(seq, hist):
    n = len(seq)
    return any(hist[i:i + n] == seq for i in range(len(hist) - n + 1))

ARITH_CHARS = re.compile(r'^[\w\s()+\-*/%&|^~<>,{}]+$')
SAFE = {'min': min, 'max': max, '__builtins__': {}}

def eval_arith(quote):
    q = quote.replace('`', '')
    if not re.search(r'\s=\s|\sis\s', q):
        return eval(q.strip(), dict(SAFE))
    m = re.search(r'^(.*?)(?:\s=\s|\sis\s)\s*(-?\d+)\s*$', q) or re.search(r'^(.*)(?:\s=\s|\sis\s)', q)
    lhs = m.group(1)
    for i in range(len(lhs)):
        sub = lhs[i:].strip()
        if sub and ARITH_CHARS.match(sub) and re.search(r'\d', sub):
            try:
                return eval(sub, dict(SAFE))
            except Exception:
                continue
    raise ValueError('no arithmetic in ' + quote)

CMP = re.compile(r'[-\d(][-\d\s()+*/%&|^]*(?:<=|>=|==|!=|<|>)\s*[-\d(][-\d\s()+*/%&|^]*')

def eval_cmp(quote):
    for cand in re.findall(r'`([^`]*)`', quote) + CMP.findall(quote.replace('`', '')):
        try:
            v = eval(cand.strip())
            if isinstance(v, bool):
                return v
        except Exception:
            pass
    raise ValueError('no comparison in ' + quote)

def check_claim(c, ctx):
    """True if the claim holds in the real execution."""
    ns, H, hits, ret = ctx['ns'], ctx['H'], ctx['hits'], ctx['ret']
    w, val = c['what'], c['value']
    if w == 'value':
        v = ast.literal_eval(val)
        h = history(H, c['variable'])
        return v in h or (isinstance(v, list) and is_subseq(v, h))
    if w == 'count':
        if 'line' not in c['variable']:   # loop named by its variable: number of values it took
            return len(history(H, c['variable'])) == ast.literal_eval(val)
        line = int(re.search(r'line (\d+)', c['variable']).group(1))
        m = re.search(r'call (\d+)', c['variable'])
        if m:   # k-th call (1-based) of the function that executes this line
            calls = [fh for fh in hits['per_call'] if line in fh]
            return calls[int(m.group(1)) - 1][line] == ast.literal_eval(val)
        return hits.get(line, 0) == ast.literal_eval(val)
    if w == 'comparison':
        if c['quote'] in CMP_STATE:   # comparisons on program state, evaluated from the recorded run
            return CMP_STATE[c['quote']](ctx) == ast.literal_eval(val)
        return eval_cmp(c['quote']) == ast.literal_eval(val)
    if w == 'arith':
        return eval_arith(c['quote']) == ast.literal_eval(val)
    if w == 'return':
        return ast.literal_eval(val) == ret
    if w == 'call':
        q = c['quote'].replace('Answer: ', '')
        return eval(q, ns) == ast.literal_eval(val)
    raise ValueError(w)

# Point checks for error copies: each returns True when the stated (wrong) value is false
# AT THAT POINT of the execution; for held_elsewhere copies they also require that the stated
# value does occur somewhere else in the run.
def H_(ctx, v): return history(ctx['H'], v)
ERR = {
 # 12 | 10 is 14; 10 is b's value, held elsewhere
 'w327-1-fwd-e1': lambda x: (12 | 10) != 10 and 10 in H_(x, 'b') and H_(x, 'either') == [14],
 'w327-1-fwd-e2': lambda x: x['ret'] != (8, 6, 14),
 'w327-2-bwd-e1': lambda x: eval('pin_grid_session(4, [1, 7, 3, 1, 4])', x['ns']) != x['ret'],
 'w327-2-bwd-e2': lambda x: (7 >= 5) is True,
 'w327-2-bwd-e3': lambda x: [1, 3, 1] not in H_(x, 'self.pins'),
 'w327-3-fwd-e1': lambda x: x['hits'][5] == 5,
 # kept after the 3rd element (Gamma) is the 2nd history entry after [] -> ['alpha','gamma']; the stated list only appears later
 'w327-3-fwd-e2': lambda x: H_(x, 'kept')[2] == ['alpha', 'gamma'] and ['alpha', 'gamma', 'delta'] in H_(x, 'kept'),
 'w327-3-fwd-e3': lambda x: x['ret'] != 'Alpha-Gamma-Delta',
 # third value of sums[3] is 25; 22 is the value one update earlier
 'w327-4-bwd-e1': lambda x: H_(x, 'sums[3]')[2] == 25 and 22 in H_(x, 'sums[3]'),
 'w327-4-bwd-e2': lambda x: x['hits'][4] == 14,
 'w327-4-bwd-e3': lambda x: eval('remainder_heaviest([4, 9, 15, 7, 22, 10, 3, 18, 5, 12, 11, 6, 14, 8], 3)', x['ns']) != x['ret'],
 'w327-5-fwd-e1': lambda x: 44 // 2 != 21 and 21 not in H_(x, 'n'),
 # loop body count is 3; steps does hold 2 (after the 2nd pass)
 'w327-5-fwd-e2': lambda x: x['hits'][4] == 3 and 2 in H_(x, 'steps'),
 'w327-5-fwd-e3': lambda x: H_(x, 'n')[1] == 44 and H_(x, 'steps')[1] == 1 and 1 not in H_(x, 'n') and 44 not in H_(x, 'steps'),
 'w327-6-bwd-e1': lambda x: H_(x, 'hi')[-1] == 8 and H_(x, 'lo')[-1] == -3,
 # at bal = -2 (2nd iteration) lo becomes -2 (history index 1); -3 only comes later
 'w327-6-bwd-e2': lambda x: H_(x, 'lo')[1] == -2 and -3 in H_(x, 'lo'),
 'w327-6-bwd-e3': lambda x: -4 not in H_(x, 'bal'),
 # batch 2
 'w327-7-bwd-e1': lambda x: (6 <= 5) is False,
 # 8th level value is 5 (after refill of 2); 3 is the level one step earlier
 'w327-7-bwd-e2': lambda x: H_(x, 'self.level')[7] == 5 and H_(x, 'self.level')[6] == 3,
 'w327-7-bwd-e3': lambda x: eval(x['item']['answer'], x['ns']) != x['ret'],
 'w327-8-fwd-e1': lambda x: (3072 | 64) == 3136 and 3146 not in H_(x, 'word'),
 # after the 2nd statement word is 3136 (history index 1); 3072 is the value before that update
 'w327-8-fwd-e2': lambda x: H_(x, 'word')[1] == 3136 and H_(x, 'word')[0] == 3072,
 'w327-8-fwd-e3': lambda x: x['ret'] != 3150,
 'w327-9-bwd-e1': lambda x: x['ret'] == (5, 4) and 5 not in H_(x, 'count'),
 'w327-9-bwd-e2': lambda x: (not '') is True and H_(x, 'count') == [0, 1, 2, 3, 4],
 'w327-9-bwd-e3': lambda x: eval(x['item']['answer'], x['ns']) != x['ret'],
 'w327-10-fwd-e1': lambda x: H_(x, 'total')[3] == 38 and 40 not in H_(x, 'total'),
 'w327-10-fwd-e2': lambda x: x['hits'][6] == 36,
 'w327-10-fwd-e3': lambda x: x['ret'] != (5, 56),
 'w327-11-bwd-e1': lambda x: 2 * 12 + 5 == 29 and 31 not in H_(x, 'b'),
 'w327-11-bwd-e2': lambda x: [1, 2, 5, 12, 29, 70] not in H_(x, 'seen'),
 'w327-11-bwd-e3': lambda x: eval(x['item']['answer'], x['ns']) != x['ret'],
 'w327-12-fwd-e1': lambda x: [fh for fh in x['hits']['per_call'] if 7 in fh][2][7] == 3,
 # after the 4th entry by_tag['red'] is {2, 3, 5}; {3, 5} was its value before that entry
 'w327-12-fwd-e2': lambda x: H_(x, 'self.by_tag')[-1]['red'] == {2, 3, 5} and {3, 5} in H_(x, 'self.by_tag[\'red\']'),
 'w327-12-fwd-e3': lambda x: 'big' not in H_(x, 't1') and 'red' not in H_(x, 't2'),
 # batch 3
 'w327-13-fwd-e1': lambda x: 4 + 8 + 4 == 16 and len(x['ret']) == 16,
 'w327-13-fwd-e2': lambda x: '1112' not in H_(x, 'tail'),
 'w327-13-fwd-e3': lambda x: x['ret'] != '4321 **** **** 2468',
 'w327-14-bwd-e1': lambda x: H_(x, 'seen')[-1][5] == 145 and 146 not in H_(x, 'total'),
 'w327-14-bwd-e2': lambda x: eval(x['item']['answer'], x['ns']) != x['ret'],
 'w327-15-fwd-e1': lambda x: x['ret'] != 7,
 'w327-15-fwd-e2': lambda x: H_(x, 'q') == [7] and H_(x, 'r') == [5],
 'w327-16-bwd-e1': lambda x: H_(x, 'self.rows[3]')[-1] == 10 and 9 not in H_(x, 'self.rows[3]'),
 'w327-16-bwd-e2': lambda x: x['hits'][8] == 12,
 'w327-16-bwd-e3': lambda x: [7, 5, 0] not in H_(x, 'self.rows') and [7, 0] in H_(x, 'self.rows'),
 'w327-17-fwd-e1': lambda x: (7 < 7) is False and H_(x, 'below') == [0, 1, 2],
 # when 2 is handled (4th element) excess is 2 (history index 1); 7 only after the last element
 'w327-17-fwd-e2': lambda x: H_(x, 'excess') == [0, 2, 7],
 'w327-18-bwd-e1': lambda x: (74 & ~64) == 10 and 12 not in H_(x, 'self.bits'),
 'w327-18-bwd-e2': lambda x: H_(x, 'b') == [11, 5, 2, 1, 0] and H_(x, 'h') == [-1, 0, 1, 2, 3],
 # third value of h after the start is 2; 1 is the value one pass earlier
 'w327-18-bwd-e3': lambda x: H_(x, 'h')[3] == 2 and H_(x, 'h')[2] == 1,
 # batch 4
 'w327-19-fwd-e1': lambda x: (44 ^ 4) == 40 and 48 not in H_(x, 'rest'),
 'w327-19-fwd-e2': lambda x: H_(x, 'low') == [4],
 'w327-19-fwd-e3': lambda x: x['ret'] != (4, 40, 10),
 'w327-20-bwd-e1': lambda x: eval(x['item']['answer'], x['ns']) != x['ret'],
 'w327-20-bwd-e2': lambda x: H_(x, 'self.temp') == [850, 900],
 'w327-20-bwd-e3': lambda x: (925 > 900) is True,
 'w327-21-fwd-e1': lambda x: x['hits'][5] == 10,
 'w327-21-fwd-e2': lambda x: 10 not in H_(x, 'i') and H_(x, 'i')[-1] == 9,
 'w327-21-fwd-e3': lambda x: H_(x, 'last')[-1]['t'] == 5 and 6 not in history(x['H'], "last['t']"),
 'w327-22-bwd-e1': lambda x: H_(x, 'gap@line 6')[4] == 1 and 0 not in H_(x, 'gap@line 6'),
 'w327-22-bwd-e2': lambda x: (4 < 4) is False,
 'w327-22-bwd-e3': lambda x: [0, 1, 2, 1] in H_(x, 'counts') and [0, 1, 3, 1] not in H_(x, 'counts'),
 'w327-23-fwd-e1': lambda x: H_(x, 'minutes') == [3] and H_(x, 'seconds') == [4],
 'w327-23-fwd-e2': lambda x: x['ret'] != '2:3:4',
 'w327-24-bwd-e1': lambda x: H_(x, 'self.waiting')[6] == [],
 'w327-24-bwd-e2': lambda x: ['cy', 'di'] not in H_(x, 'self.waiting'),
 'w327-24-bwd-e3': lambda x: eval(x['item']['answer'], x['ns']) != x['ret'],
}
# state-dependent comparisons: quote -> actual truth value in the run
CMP_STATE = {
 # 7th command of counter_log: waiting list at that point (history index 6) is []
 '`elif desk.waiting` is false': lambda x: bool(H_(x, 'self.waiting')[6]),
 '`elif desk.waiting` is true': lambda x: bool(H_(x, 'self.waiting')[6]),
}

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    out, bad = [], 0
    for it in items:
        probs = []
        ns, H, hits, ret = run_traced(it['code'], it['call'])
        ctx = dict(ns=ns, H=H, hits=hits, ret=ret, item=it)
        if repr(ret) != it['returned']:
            probs.append('returned mismatch')
        if it['label'] == 'faithful':
            for c in it['claims']:
                try:
                    ok = check_claim(c, ctx)
                except Exception as e:
                    ok = False
                if not ok:
                    probs.append('false claim: ' + c['quote'])
            if it['direction'] == 'forward':
                if ast.literal_eval(it['answer']) != ret:
                    probs.append('answer != return')
            else:
                if eval(it['answer'], ns) != ret:
                    probs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote not in rationale')
            # every claim other than the error's must still be true; the error's must be false
            errc = [c for c in it['claims'] if c['quote'] == e['quote']]
            for c in it['claims']:
                try:
                    ok = check_claim(c, ctx)
                except Exception:
                    ok = False
                if c in errc:
                    if ok and not e['held_elsewhere']:
                        probs.append('error claim is actually true: ' + c['quote'])
                elif not ok:
                    probs.append('other claim false: ' + c['quote'])
            if not errc:
                probs.append('no claim for error quote')
            if it['id'] not in ERR or not ERR[it['id']](ctx):
                probs.append('point check failed')
            if it['direction'] == 'forward':
                right = ast.literal_eval(it['answer']) == ret
            else:
                right = eval(it['answer'], ns) == ret
            if e['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if right: probs.append('answer should be wrong')
            elif not right:
                probs.append('answer should be right')
        status = 'PASS' if not probs else 'FAIL'
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{(it['error'] or {}).get('kind', '-')}, events={it['trace_events']})" +
                   ''.join('\n    ' + p for p in probs))
    out.append(f'\n{len(items)} items, {len(items) - bad} pass, {bad} fail')
    rep = '\n'.join(out)
    open('check_report.txt', 'w').write(rep + '\n')
    print(rep)
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
