"""Standalone checker for w286 narrations: re-executes every program with sys.settrace,
records per-variable value histories, loop line hit counts and returns, and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

class Rec:
    def __init__(self):
        self.hist = defaultdict(list)      # name -> list of distinct consecutive values (all frames)
        self.fhist = defaultdict(list)     # (fn, name) -> history
        self.lines = defaultdict(int)      # lineno (in <prog>) -> hits
        self.rets = defaultdict(list)      # fn -> returned values
        self.snaps = defaultdict(list)     # lineno -> locals snapshots (before the line runs)

    def snap(self, frame):
        fn = frame.f_code.co_name
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if hasattr(v, '__dict__') and not callable(v) and not isinstance(v, type):
                items += [(f"{k}.{a}", b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = self.fhist[(fn, name)]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
                    self.hist[name].append(val)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            self.snap(frame)
            self.lines[frame.f_lineno] += 1
            try:
                self.snaps[frame.f_lineno].append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                self.snaps[frame.f_lineno].append(dict(frame.f_locals))
        elif event == 'return':
            self.snap(frame)
            self.rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return self.tracer

def run(code, call, trace=True):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    rec = Rec()
    if trace:
        sys.settrace(rec.tracer)
    try:
        val = eval(call, g)
    finally:
        sys.settrace(None)
    return val, rec

def count_of(rec, label):
    # label "loop@line N": hits of the loop body's first line N
    n = int(label.split('@line')[1])
    return rec.lines[n]

def seq_values(rec, sq):
    vals = []
    for snap in rec.snaps[sq['line']]:
        try:
            v = eval(sq['expr'], {}, snap)
        except Exception:
            v = None
        vals.append(v)
    if sq.get('dedupe'):
        out = []
        for v in vals:
            if v is not None and (not out or out[-1] != v):
                out.append(v)
        vals = out
    return vals

def claim_true(c, rec, returned, item):
    w, var = c['what'], c.get('variable')
    val = lit(c['value']) if w != 'call' else None
    if c.get('seq'):
        return seq_values(rec, c['seq']) == val
    if w == 'value':
        return any(v == val and type(v) == type(val) or (isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(val, (int, float)) and v == val) for v in rec.hist.get(var, []))
    if w == 'count':
        return count_of(rec, var) == val
    if w in ('arith', 'comparison'):
        return eval(c['expr']) == val
    if w == 'return':
        if var and var != item['function']:
            return val in rec.rets.get(var, [])
        return val == returned
    if w == 'call':
        g = {}
        exec(compile(item['code'], '<x>', 'exec'), g)
        return eval(c['value'], g) == returned
    raise ValueError(w)

def error_false(item, rec, returned):
    e = item['error']; k = e['kind']
    cl = [c for c in item['claims'] if c['quote'] == e['quote']]
    if k == 'wrong_final_answer':
        return lit(item['answer']) != returned, 'answer differs from return'
    if k == 'backward_wrong_input':
        g = {}; exec(compile(item['code'], '<x>', 'exec'), g)
        got = eval(item['answer'], g)
        return got != returned, f'answer call returns {got!r}'
    assert cl, ('no claim for error quote', item['id'])
    c = cl[0]; val = lit(c['value']) if c['what'] != 'call' else None
    at = e.get('at')
    if c.get('seq'):
        got = seq_values(rec, c['seq'])
        return got != val, f"sequence is {got!r}"
    if c['what'] in ('arith', 'comparison'):
        r = eval(c['expr']) != val
        return r, f"{c['expr']} = {eval(c['expr'])!r}"
    if c['what'] == 'count':
        return count_of(rec, c['variable']) != val, f"count {count_of(rec, c['variable'])}"
    if c['what'] == 'return':
        return not claim_true(c, rec, returned, item), 'return'
    if c['what'] == 'value':
        h = rec.fhist[(at['fn'], c['variable'])] if at else rec.hist.get(c['variable'], [])
        if at:
            truth = h[at['index']]
            ok = truth != val
            if e.get('held_elsewhere'):
                ok = ok and any(v == val for vs in rec.hist.values() for v in vs)
            return ok, f"history[{at['index']}] = {truth!r}"
        return val not in h, f"never holds {val!r}"
    raise ValueError(c['what'])

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    progs = {}
    for l in open('programs.jsonl'):
        if l.strip():
            p = json.loads(l); progs[p['id']] = p
    out, fails = [], 0
    for it in items:
        returned, rec = run(it['code'], it['call'])
        probs = []
        if repr(returned) != it['returned']:
            probs.append(f"returned {returned!r} != {it['returned']}")
        p = progs.get(it['program_id'])
        if p and (p['returned'] != it['returned'] or len(p['events']) != it['trace_events']):
            probs.append('programs.jsonl mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        if not it['rationale'].rstrip().splitlines()[-1].startswith('Answer:') and 'Predicted Output' not in it['rationale'].rstrip().splitlines()[-1]:
            probs.append('last line not Answer')
        if it['label'] == 'faithful':
            for c in it['claims']:
                if not claim_true(c, rec, returned, it):
                    probs.append(f"false claim {c['quote']!r} ({c['variable']}={c['value']})")
            if it['direction'] == 'forward':
                if lit(it['answer']) != returned: probs.append('forward answer wrong')
            else:
                g = {}; exec(compile(it['code'], '<x>', 'exec'), g)
                if eval(it['answer'], g) != returned: probs.append('backward answer wrong')
        else:
            e = it['error']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            ok, why = error_false(it, rec, returned)
            if not ok: probs.append(f"error not false: {why}")
            # all other claims must hold (except carried ones)
            for c in it['claims']:
                if c['quote'] == e['quote'] or c.get('carried'): continue
                if not claim_true(c, rec, returned, it):
                    probs.append(f"other claim false {c['quote']!r}")
            if e['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                if it['direction'] == 'forward' and lit(it['answer']) != returned and not e.get('carried'):
                    probs.append('answer wrong in non-answer error')
            why = why
        status = 'OK' if not probs else 'FAIL'
        fails += bool(probs)
        out.append(f"{status} {it['id']} {it['label']} {it.get('error') and it['error']['kind'] or ''} " + ('; '.join(probs) if probs else (why if it['label']=='error' else '')))
    out.append(f"\n{len(items)} items, {fails} failing")
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-40:]))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
