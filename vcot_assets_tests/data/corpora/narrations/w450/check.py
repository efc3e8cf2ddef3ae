"""Standalone checker for w450 narrations: re-executes each program with sys.settrace."""
import json, sys, ast, copy, collections

FILE = '<w450prog>'

def snapshot(frame):
    snap = {}
    for k, v in frame.f_locals.items():
        try: snap[k] = copy.deepcopy(v)
        except Exception: snap[k] = v
    s = frame.f_locals.get('self')
    if s is not None and hasattr(s, '__dict__'):
        for k, v in vars(s).items(): snap['self.' + k] = copy.deepcopy(v)
    return snap

def run(code, call):
    g = {'__name__': 'w450prog'}
    exec(compile(code, FILE, 'exec'), g)
    frames = collections.defaultdict(list)   # frame id -> [(event, line, snapshot)]
    order = []                                # global chronological (line, snapshot)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FILE: return None
        snap = snapshot(frame)
        frames[id(frame)].append((event, frame.f_lineno, snap))
        order.append((event, frame.f_lineno, snap, id(frame)))
        return tr
    sys.settrace(tr)
    try: ret = eval(compile(call, FILE + 'call', 'eval'), g)
    finally: sys.settrace(None)
    # history per variable name: consecutive-distinct values in chronological order
    h = collections.defaultdict(list)
    for ev, ln, snap, fid in order:
        for k, v in snap.items():
            if k == 'self' or callable(v) or type(v).__module__ == 'w450prog': continue
            if not h[k] or h[k][-1] != v: h[k].append(v)
    hits = collections.Counter(ln for ev, ln, snap, fid in order if ev == 'line')
    def groups(outer, inner, var):
        res = []
        for evs in frames.values():
            evs = [e for e in evs]
            for i, (ev, ln, snap) in enumerate(evs):
                if ev != 'line': continue
                if ln == outer: res.append([])
                elif ln == inner and res and i + 1 < len(evs): res[-1].append(evs[i + 1][2][var])
        return res
    def at(line, var):
        # value of var each time `line` is about to run
        return [snap[var] for evs in frames.values() for ev, ln, snap in evs if ev == 'line' and ln == line]
    def after(line, var):
        # value of var right after each execution of `line` (next event of the same frame)
        res = []
        for evs in frames.values():
            for i, (ev, ln, snap) in enumerate(evs):
                if ev == 'line' and ln == line and i + 1 < len(evs): res.append(evs[i + 1][2][var])
        return res
    groups.at = at; groups.after = after
    return g, ret, dict(h), hits, groups

def contiguous(seq, hist):
    n = len(seq)
    return any(hist[i:i + n] == seq for i in range(len(hist) - n + 1))

def lit(s): return ast.literal_eval(s)

def check_claim(c, ns, h, hits, ret):
    v = lit(c['value']); w = c['what']
    if 'probe' in c: return eval(c['probe'], ns) == v
    if w == 'value':
        if c.get('seq'): return contiguous(v, h.get(c['variable'], []))
        return v in h.get(c['variable'], [])
    if w == 'count':
        if 'probe' in c: return eval(c['probe'], ns) == v
        line = int(c['variable'].split('@line')[1].split()[0])
        return hits[line] == v
    if w in ('arith', 'comparison'):
        return eval(c.get('expr', c['quote'].strip('`')), ns) == v
    if w == 'return': return v == ret
    return False

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = []; lines = []
    for it in items:
        g, ret, h, hits, groups = run(it['code'], it['call'])
        ns = dict(g); ns.update(h=h, hits=hits, groups=groups, at=groups.at, after=groups.after, ret=ret)
        probs = []
        if repr(ret) != it['returned']: probs.append('returned mismatch %r' % (ret,))
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not check_claim(c, ns, h, hits, ret): probs.append('claim false: %s' % c['quote'])
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('answer != return')
            else:
                if eval(it['answer'], g) != ret: probs.append('backward answer does not reproduce output')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            for c in it['claims']:
                if c.get('error'): continue
                if not check_claim(c, ns, h, hits, ret): probs.append('non-error claim false: %s' % c['quote'])
            p = e['probe']
            if p == 'ANSWER':
                if eval(it['answer'], g) == ret: probs.append('wrong input actually returns output')
            elif p.startswith('NOTIN '):
                var = p.split()[1]
                if lit(e['stated']) in h.get(var, []): probs.append('impossible state occurs')
                if lit(e['actual']) not in h.get(var, []): probs.append('actual not in history')
            else:
                actual = eval(p, ns)
                if actual == lit(e['stated']): probs.append('stated value is actually true at that point')
                if actual != lit(e['actual']): probs.append('actual %r != probe %r' % (e['actual'], actual))
                if e['kind'] == 'wrong_final_answer' and lit(it['answer']) == ret: probs.append('final answer right')
            if e.get('held_elsewhere'):
                st = lit(e['stated'])
                allvals = []
                for hist in h.values():
                    for x in hist:
                        allvals.append(x)
                        if isinstance(x, dict): allvals.extend(x.values())
                        elif isinstance(x, (list, tuple)): allvals.extend(x)
                if st not in allvals and not (e['kind'] == 'off_by_one_loop_count'): probs.append('held_elsewhere value never held')
            if it['direction'] == 'forward' and e['kind'] not in ('wrong_final_answer',) and not e['carried']:
                if lit(it['answer']) != ret: probs.append('uncarried error changed answer')
            if it['direction'] == 'backward' and e['kind'] != 'backward_wrong_input' and not e['carried']:
                if eval(it['answer'], g) != ret: probs.append('backward answer broken')
        status = 'PASS' if not probs else 'FAIL'
        lines.append(f"{status} {it['id']} ({it['label']}, {it['style']}, {len(it['claims'])} claims)" + ('' if not probs else ': ' + '; '.join(probs)))
        if probs: fails.append(it['id'])
    lines.append(f"TOTAL {len(items)} items, {len(items) - len(fails)} pass, {len(fails)} fail")
    open('check_report.txt', 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
