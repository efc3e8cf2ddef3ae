"""Standalone checker for w335 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals plus self.<attr>), line events per frame and
state snapshots, then verifies every claim, answer and error annotation."""
import ast, copy, json, sys

def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except (ValueError, SyntaxError):
        return s

class Run:
    def __init__(self, code, call):
        self.hist = {}      # name -> list of values (consecutive duplicates within a frame collapsed)
        self.lines = {}     # frame id -> list of line numbers
        self.states = []    # snapshots of locals
        ns = {}
        exec(compile(code, "<prog>", "exec"), ns)
        self.ns = ns
        last = {}
        def rec(frame):
            fid = id(frame)
            vals = {}
            for k, v in frame.f_locals.items():
                if k == 'self':
                    for a, av in vars(v).items():
                        vals['self.' + a] = av
                else:
                    vals[k] = v
            prev = last.setdefault(fid, {})
            snap = {}
            for k, v in vals.items():
                try: v = copy.deepcopy(v)
                except Exception: pass
                snap[k] = v
                if k not in prev or prev[k] != v:
                    self.hist.setdefault(k, []).append(v)
                    prev[k] = v
            self.states.append(snap)
        def tr(frame, event, arg):
            if frame.f_code.co_filename != "<prog>":
                return None
            rec(frame)
            if event == 'line':
                self.lines.setdefault(id(frame), []).append(frame.f_lineno)
            return tr
        sys.settrace(tr)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)
    def count(self, header, body):
        n = 0
        for seq in self.lines.values():
            for a, b in zip(seq, seq[1:]):
                if a == header and b == body:
                    n += 1
        return n

def eval_call(code, call):
    ns = {}; exec(compile(code, "<prog>", "exec"), ns); return eval(call, ns)

def contiguous(sub, seq):
    return any(seq[i:i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))

def subseq(sub, seq):
    it = iter(seq); return all(any(x == y for y in it) for x in sub)

def claim_ok(c, run, returned):
    w = c['what']; v = lit(c['value'])
    if w == 'return':
        return v == returned
    if w == 'count':
        return run.count(c['header'], c['body']) == v
    if w in ('arith', 'comparison'):
        ok = eval(c['expr']) == v
        if ok and w == 'arith' and c.get('variable'):
            ok = v in run.hist.get(c['variable'], [])
        return ok
    if w == 'value':
        h = run.hist.get(c['variable'], [])
        if c.get('state'):  # a point-specific claim: these values held together at one moment
            return any(all(s.get(k) == v for k, v in c['state'].items()) for s in run.states)
        if 'index' in c: return len(h) > abs(c['index']) and h[c['index']] == v
        if c.get('series'): return contiguous(v, h)
        if c.get('subseq'): return subseq(v, h)
        if c.get('pair_with'):
            return any(s.get(c['variable']) == v and s.get(c['pair_with']) == c['pair_value'] for s in run.states)
        return v in h
    raise ValueError(w)

def check_error(e, item, run, returned):
    ch = e['check']; st = lit(e['stated']); ac = lit(e['actual']); t = ch['type']
    msgs = []
    if t == 'arith':
        if not (eval(ch['expr']) == ac != st): msgs.append('arith not wrong')
        if 'variable' in ch and run.hist[ch['variable']][ch['index']] != ac: msgs.append('point value mismatch')
    elif t == 'compare':
        if not (eval(ch['expr']) == ac != st): msgs.append('comparison not wrong')
    elif t == 'count':
        if not (run.count(ch['header'], ch['body']) == ac != st): msgs.append('count not wrong')
    elif t == 'history':
        h = run.hist[ch['variable']]
        if not (h[ch['index']] == ac != st): msgs.append('history value at point not as annotated')
        if e['kind'] == 'impossible_state' and st in h: msgs.append('impossible value actually occurs')
    elif t == 'pair':
        if any(s.get(ch['a']) == ch['stated'][0] and s.get(ch['b']) == ch['stated'][1] for s in run.states): msgs.append('pair occurs')
        if not any(s.get(ch['a']) == ch['actual'][0] and s.get(ch['b']) == ch['actual'][1] for s in run.states): msgs.append('actual pair missing')
    elif t == 'state':
        match = lambda d: any(all(s.get(k) == v for k, v in d.items()) for s in run.states)
        if match(ch['stated']): msgs.append('stated state occurs')
        if not match(ch['actual']): msgs.append('actual state missing')
    elif t == 'history_item':
        v = run.hist[ch['variable']][ch['index']][ch['item']]
        if not (v == ac != st): msgs.append('item at point not as annotated')
    elif t == 'state_never':
        if any(all(s.get(k) == v for k, v in ch['stated'].items()) for s in run.states): msgs.append('stated state occurs')
    elif t == 'final':
        if lit(item['answer']) == returned or lit(item['answer']) != st: msgs.append('final answer not wrong')
    elif t == 'call':
        got = eval_call(item['code'], item['answer'])
        if got == returned: msgs.append('wrong input actually returns output')
        if repr(got) != e['actual']: msgs.append('actual result mismatch %r' % (got,))
    if e.get('held_elsewhere'):
        var = ch.get('held_variable') or ch.get('variable') or ch.get('a')
        if var is None or st not in run.hist.get(var, []): msgs.append('held_elsewhere value not held')
    if e['quote'] not in item['rationale']: msgs.append('quote missing')
    return msgs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    report = []; bad = 0
    for it in items:
        run = Run(it['code'], it['call'])
        returned = run.result
        problems = []
        if repr(returned) != it['returned']: problems.append('returned mismatch')
        last = it['rationale'].strip().splitlines()[-1]
        if not last.startswith('Answer:') or last.split('Answer:', 1)[1].strip() != it['answer']:
            problems.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']: problems.append('quote missing: ' + c['quote'])
            ok = claim_ok(c, run, returned)
            if c.get('wrong'):
                if ok: problems.append('wrong claim is true: ' + c['quote'])
            elif not ok:
                problems.append('false claim: ' + c['quote'])
        e = it['error']
        fin_err = e and e['kind'] in ('wrong_final_answer', 'backward_wrong_input')
        if not fin_err and not (e and e.get('carried')):
            if it['direction'] == 'forward':
                if lit(it['answer']) != returned: problems.append('forward answer wrong')
            else:
                if eval_call(it['code'], it['answer']) != returned: problems.append('backward answer wrong')
        if e:
            problems += check_error(e, it, run, returned)
            if it['faithful_id'] not in {x['id'] for x in items}: problems.append('no faithful')
        status = 'PASS' if not problems else 'FAIL'
        bad += bool(problems)
        report.append(f"{status} {it['id']} ({it['label']}{'/' + e['kind'] if e else ''}, {len(it['claims'])} claims)" + ('' if not problems else ': ' + '; '.join(problems)))
    report.append(f"\n{len(items) - bad}/{len(items)} items pass")
    txt = "\n".join(report)
    open('check_report.txt', 'w').write(txt + "\n")
    print(txt)
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main())
