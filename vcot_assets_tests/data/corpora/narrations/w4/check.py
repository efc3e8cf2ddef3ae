"""Standalone checker for w4 narrations.

For every item of narrations.jsonl (with its per-claim check specs in specs.jsonl) it re-runs the
program's call under sys.settrace, recording at every line/return event of every frame the values
of all expressions the claims talk about, plus line-hit sequences and return values. Then:
  * returned == repr(real return value)
  * every claim of a faithful item holds
      value      : the expression takes that value at some event (optionally at line L, in fn,
                   where `when` holds); mode=all: at all such events; mode=seq/subseq: the list is a
                   (contiguous / ordered) run of the expression's change history in one frame
      count      : number of executions of body line L (optionally per segment split at line `per`)
      comparison : literal expression evaluates to True/False, or expression v at the events
      arith      : expression evaluates to the stated result
      return     : the function returned that value
      call       : evaluating the call (fresh namespace) returns the value
  * forward answer == return value; backward answer call returns the output
  * error copies: the error claim is false (and, unless carried, every other claim holds)
No code of the evaluated tool is used.
"""
import ast, copy, json, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))

def eq(a, b):
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    try:
        return a == b and type(a) is type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and a == b)
    except Exception:
        return False

class Run:
    def __init__(self, code, call, exprs):
        self.code, self.call = code, call
        self.exprs = sorted(exprs)
        self.events = []        # dicts: fn, fid, line, ev, vals
        self.returns = []       # (fn, value)
        ns = {'__name__': 'program'}
        exec(compile(code, '<prog>', 'exec'), ns)
        self.ns = ns
        fids = {}
        def local(frame, event, arg):
            if event in ('line', 'return', 'call'):
                vals = {}
                loc = dict(frame.f_locals)
                for e in self.exprs:
                    try:
                        vals[e] = copy.deepcopy(eval(e, frame.f_globals, loc))
                    except Exception:
                        pass
                fid = fids.setdefault(id(frame), len(fids))
                self.events.append({'fn': frame.f_code.co_name, 'fid': fid, 'line': frame.f_lineno,
                                    'ev': event, 'vals': vals})
                if event == 'return':
                    self.returns.append((frame.f_code.co_name, copy.deepcopy(arg)))
                    fids.pop(id(frame), None)
            return local
        def glob(frame, event, arg):
            if frame.f_code.co_filename != '<prog>':
                return None
            return local(frame, event, arg)
        sys.settrace(glob)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)

    def select(self, spec):
        out = []
        for e in self.events:
            if spec.get('fn') and e['fn'] != spec['fn']:
                continue
            if spec.get('L') and spec['w'] != 'count':
                if e['line'] != int(spec['L']) or e['ev'] != 'line':
                    continue
            if spec.get('when'):
                if not e['vals'].get(spec['when']):
                    continue
            out.append(e)
        return out

def fresh_eval(code, expr):
    ns = {'__name__': 'program'}
    exec(compile(code, '<prog>', 'exec'), ns)
    return eval(expr, ns)

def spec_exprs(spec):
    s = set()
    if spec['w'] in ('value', 'comparison') and spec.get('v'):
        s.add(spec['v'])
    if spec.get('when'):
        s.add(spec['when'])
    return s

def check_claim(run, spec, prog):
    """Return (ok, detail)."""
    w = spec['w']
    x = ast.literal_eval(spec['x'])
    try:
        if w in ('value',) or (w == 'comparison' and spec.get('v')):
            v = spec['v']
            evs = [e for e in run.select(spec) if v in e['vals']]
            if not evs:
                return False, f'{v} never evaluable'
            mode = spec.get('mode', 'any')
            if w == 'comparison':
                vals = [bool(e['vals'][v]) for e in evs]
            else:
                vals = [e['vals'][v] for e in evs]
            if mode == 'any':
                ok = any(eq(a, x) for a in vals)
                return ok, f'{v} values {uniq(vals)[:12]}'
            if mode == 'all':
                ok = all(eq(a, x) for a in vals)
                return ok, f'{v} values {uniq(vals)[:12]}'
            if mode in ('seq', 'subseq'):
                hist = collections.defaultdict(list)
                for e in evs:
                    h = hist[e['fid']]
                    # with a line filter every sample counts (repeats allowed); otherwise the
                    # change history (consecutive duplicates collapsed)
                    if spec.get('L') or not h or not eq(h[-1], e['vals'][v]):
                        h.append(e['vals'][v])
                for h in hist.values():
                    if contains(h, list(x), mode == 'seq'):
                        return True, ''
                return False, f'{v} histories {list(hist.values())[:3]}'
            raise ValueError(mode)
        if w == 'count':
            L = int(spec['L'])
            evs = [e for e in run.events if e['ev'] == 'line' and (not spec.get('fn') or e['fn'] == spec['fn'])]
            if spec.get('per'):
                P = int(spec['per'])
                segs, cur = [], None
                for e in evs:
                    if e['line'] == P:
                        if cur is not None:
                            segs.append(cur)
                        cur = 0
                    elif e['line'] == L and cur is not None:
                        cur += 1
                if cur is not None:
                    segs.append(cur)
                if spec.get('k') is not None:
                    k = int(spec['k'])
                    return (k < len(segs) and segs[k] == x), f'segments {segs}'
                return x in segs, f'segments {segs}'
            n = sum(1 for e in evs if e['line'] == L)
            return n == x, f'line {L} ran {n} times'
        if w in ('comparison', 'arith'):
            val = eval(spec['e'], dict(run.ns))
            if w == 'comparison':
                return bool(val) == x, f'{spec["e"]} -> {val}'
            return eq(val, x) or (isinstance(val, float) and isinstance(x, (int, float)) and abs(val - x) < 1e-9), f'{spec["e"]} -> {val!r}'
        if w == 'return':
            fn = spec.get('fn')
            rets = [r for f, r in run.returns if not fn or f == fn]
            return any(eq(r, x) for r in rets), f'returns {uniq(rets)[:8]}'
        if w == 'call':
            val = fresh_eval(prog['code'], spec['e'])
            return eq(val, x), f'{spec["e"]} -> {val!r}'
    except Exception as ex:
        return False, f'exception {ex!r}'
    raise ValueError(w)

def uniq(vals):
    out = []
    for v in vals:
        if not any(eq(v, o) for o in out):
            out.append(v)
    return out

def contains(hist, seq, contiguous):
    if contiguous:
        n = len(seq)
        return any(all(eq(hist[i + j], seq[j]) for j in range(n)) for i in range(len(hist) - n + 1))
    it = iter(hist)
    return all(any(eq(h, s) for h in it) for s in seq)

def main():
    progs = {json.loads(l)['id']: json.loads(l) for l in open(os.path.join(HERE, 'programs.jsonl'))}
    items = [json.loads(l) for l in open(os.path.join(HERE, 'narrations.jsonl'))]
    specs = {json.loads(l)['id']: json.loads(l) for l in open(os.path.join(HERE, 'specs.jsonl'))}
    by_prog = collections.defaultdict(list)
    for it in items:
        by_prog[it['program_id']].append(it)
    lines, problems = [], 0
    n_claims = n_ok = n_err = n_err_ok = 0
    for pid, its in sorted(by_prog.items(), key=lambda kv: int(kv[0].split('-')[1])):
        prog = progs[pid]
        exprs = set()
        for it in its:
            for s in specs[it['id']]['specs']:
                exprs |= spec_exprs(s)
        run = Run(prog['code'], prog['call'], exprs)
        actual = run.result
        if repr(actual) != prog['returned']:
            problems += 1; lines.append(f'FAIL {pid}: returned {prog["returned"]} but run gives {actual!r}')
        for it in its:
            sp = specs[it['id']]
            assert len(sp['specs']) == len(it['claims']), it['id']
            res = [check_claim(run, s, prog) for s in sp['specs']]
            # answer
            if it['direction'] == 'forward':
                try:
                    ans_ok = eq(ast.literal_eval(it['answer']), actual)
                except Exception as ex:
                    ans_ok = False
            else:
                try:
                    ans_ok = eq(fresh_eval(prog['code'], it['answer']), actual)
                except Exception:
                    ans_ok = False
            bad = []
            if it['label'] == 'faithful':
                n_claims += len(res)
                n_ok += sum(1 for ok, _ in res if ok)
                for (ok, det), c in zip(res, it['claims']):
                    if not ok:
                        bad.append(f'claim {c["quote"]!r} {c["variable"]}={c["value"]} false: {det}')
                if not ans_ok:
                    bad.append(f'answer {it["answer"]} wrong')
            else:
                n_err += 1
                ei = sp['error_claim']
                eok, edet = res[ei]
                kind = it['error']['kind']
                if eok:
                    bad.append(f'error claim {it["claims"][ei]["quote"]!r} is actually TRUE ({edet})')
                if kind in ('wrong_final_answer', 'backward_wrong_input'):
                    if ans_ok:
                        bad.append('wrong answer is actually right')
                elif not ans_ok and not sp['carried']:
                    bad.append('answer wrong in a non-answer error copy')
                if kind == 'backward_wrong_input' and it['direction'] != 'backward':
                    bad.append('backward_wrong_input on forward item')
                if kind == 'wrong_final_answer' and it['direction'] != 'forward':
                    bad.append('wrong_final_answer on backward item')
                if not sp['carried']:
                    eq_quote = it['claims'][ei]['quote']
                    for i, ((ok, det), c) in enumerate(zip(res, it['claims'])):
                        if i != ei and not ok and c['quote'] != eq_quote:
                            bad.append(f'other claim false in non-carried copy: {c["quote"]!r} ({det})')
                if it['error']['quote'] not in it['rationale']:
                    bad.append('error quote not in rationale')
                if not bad:
                    n_err_ok += 1
            for c in it['claims']:
                if c['quote'] not in it['rationale']:
                    bad.append(f'quote not in rationale: {c["quote"]!r}')
            if bad:
                problems += 1
                lines.append(f'FAIL {it["id"]}:')
                lines.extend('    ' + b for b in bad)
            else:
                lines.append(f'ok   {it["id"]} ({len(res)} claims{", error confirmed false" if it["label"] == "error" else ""})')
    n_f = sum(1 for it in items if it['label'] == 'faithful')
    summary = (f'SUMMARY: {len(items)} items ({n_f} faithful, {n_err} error copies) over {len(by_prog)} programs; '
               f'faithful claims true {n_ok}/{n_claims}; error copies confirmed false {n_err_ok}/{n_err}; '
               f'failing items {problems}')
    lines.append(summary)
    with open(os.path.join(HERE, 'check_report.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    for l in lines:
        if not l.startswith('ok'):
            print(l)
    return 0 if problems == 0 else 1

if __name__ == '__main__':
    sys.exit(main())
