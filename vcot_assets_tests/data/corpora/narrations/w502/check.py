"""Standalone checker for w502 narrations: runs each call under sys.settrace,
records per-variable value histories (incl. self.attr) and per-line hit counts,
then checks every claim / error annotation."""
import json, sys, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<w502>", "exec"), ns)
    snaps, lines = [], {}
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<w502>":
            return None
        if ev == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        loc = {}
        for k, v in frame.f_locals.items():
            try: loc[k] = copy.deepcopy(v)
            except Exception: loc[k] = v
        snaps.append((ev, frame.f_lineno, loc))
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, Hist(snaps), lines, ns

class Hist:
    """history(expr): collapsed time-ordered values of expr over all snapshots."""
    def __init__(self, snaps): self.snaps = snaps
    def get(self, expr, default=None, at_line=None):
        out = []
        for ev, ln, loc in self.snaps:
            if at_line is not None and (ev != 'line' or ln != at_line):
                continue
            try: v = eval(expr, {}, loc)
            except Exception: continue
            if at_line is not None or not out or out[-1] != v or type(out[-1]) != type(v):
                out.append(v)
        return out
    def values(self):
        names = {k for _, _, loc in self.snaps for k in loc}
        return [self.get(n) for n in names]

def is_slice(sub, full):
    sub = [x for i, x in enumerate(sub) if i == 0 or sub[i-1] != x] if sub else sub
    return any(full[i:i+len(sub)] == sub for i in range(len(full) - len(sub) + 1))

def count_of(label, lines):
    # label 'loop@line N' -> number of times line N (first body line) ran
    n = int(label.split('line')[-1].strip())
    return lines.get(n, 0)

def check_claim(c, ret, hist, lines):
    w = c['what']; val = ast.literal_eval(c['value'])
    if w == 'value':
        return val in hist.get(c['variable'], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == 'sequence':
        if c.get('at_line') is not None:
            h = hist.get(c['variable'], at_line=c['at_line'])
            return h == val, f"per-line values {h}"
        h = hist.get(c['variable'])
        return is_slice(val, h), f"collapsed history {h}"
    if w == 'count':
        return count_of(c['variable'], lines) == val, f"count {count_of(c['variable'], lines)}"
    if w in ('comparison', 'arith'):
        e = eval(c['expr']); return e == val, f"eval {c['expr']} = {e}"
    if w == 'return':
        return ret == val, f"ret {ret!r}"
    if w == 'call':
        return True, ''
    return False, 'unknown what'

def main():
    progs = {json.loads(l)['id']: json.loads(l) for l in open('programs.jsonl')}
    out, fails, n = [], 0, 0
    for line in open('narrations.jsonl'):
        it = json.loads(line); n += 1; errs = []
        p = progs[it['program_id']]
        ret, hist, lines, ns = run_traced(p['code'], p['call'])
        if repr(ret) != it['returned'] or p['returned'] != it['returned']:
            errs.append(f"returned mismatch {ret!r}")
        if it['code'] != p['code'] or it['call'] != p['call'] or it['trace_events'] != len(p['events']):
            errs.append('program fields mismatch')
        if it['answer'] not in it['rationale'].strip().splitlines()[-1]:
            errs.append('answer not on last line')
        err = it['error']; equote = err['quote'] if err else None
        if err and equote not in it['rationale']:
            errs.append('error quote not in rationale')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append(f"quote missing: {c['quote']!r}")
            if err and c['quote'] == equote:
                continue
            ok, info = check_claim(c, ret, hist, lines)
            if not ok: errs.append(f"claim false: {c['quote']!r} ({info})")
        # answer
        if it['direction'] == 'forward':
            ans_ok = ast.literal_eval(it['answer']) == ret
        else:
            r2, *_ = run_traced(p['code'], it['answer'])
            ans_ok = r2 == ret
        if it['label'] == 'faithful':
            if not ans_ok: errs.append('answer wrong in faithful item')
        else:
            k = err['kind']; stated = err['stated']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: errs.append('error answer is actually right')
            else:
                if not ans_ok: errs.append('non-answer error but answer wrong')
                if k in ('wrong_arithmetic', 'branch_not_taken'):
                    e = eval(err['expr'])
                    if e == ast.literal_eval(stated): errs.append(f'{k} not false: {e}')
                elif k == 'off_by_one_loop_count':
                    a = count_of(err['variable'], lines)
                    if abs(a - ast.literal_eval(stated)) != 1: errs.append(f'count not off by one: {a}')
                else:
                    h = hist.get(err['variable'], [])
                    s = ast.literal_eval(stated)
                    if k == 'impossible_state':
                        if s in h: errs.append('impossible_state value occurs')
                    else:
                        idx = err['index']
                        if err.get('at_line') is not None:
                            h = hist.get(err['variable'], at_line=err['at_line'])
                        if h[idx] == s: errs.append(f'stated equals value at point {idx}')
                        if ast.literal_eval(err['actual']) != h[idx]: errs.append(f"actual != history[{idx}]={h[idx]!r}")
                if err.get('held_elsewhere'):
                    if k in ('off_by_one_loop_count', 'wrong_arithmetic'):
                        allv = [v for hh in hist.values() for v in hh]
                        if ast.literal_eval(stated) not in allv: errs.append('held_elsewhere value never held')
                    elif ast.literal_eval(stated) not in hist.get(err['variable'], []):
                        errs.append('held_elsewhere value not in history')
        status = 'PASS' if not errs else 'FAIL'
        fails += bool(errs)
        out.append(f"{status} {it['id']}" + ''.join('\n    ' + e for e in errs))
    out.append(f"\n{n} items, {n - fails} pass, {fails} fail")
    txt = '\n'.join(out); print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
