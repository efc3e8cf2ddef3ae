"""Standalone checker for w427 narrations: runs each program under sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and the
return value, then checks every claim of each item and that each error copy's error is false."""
import sys, json, copy, ast
from collections import defaultdict

FN = "<w427prog>"

def run(code, call):
    hist = defaultdict(list)   # var -> list of values in order of change
    hits = defaultdict(int)    # line -> times executed
    after = defaultdict(list)  # (line, var) -> values seen at the next event after that line ran
    pending = {}
    last = {}
    def snap(frame):
        items = {}
        for k, v in frame.f_locals.items():
            if k.startswith('.'):
                continue
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    items['self.' + a] = av
                continue
            items[k] = v
        for k, v in items.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            key = (id(frame), k)
            if key not in last or last[key] != v or type(last[key]) != type(v):
                last[key] = v
                hist[k].append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == 'call':   # a new frame: forget values remembered under a reused frame id
            for key in [key for key in last if key[0] == id(frame)]:
                del last[key]
            pending.pop(id(frame), None)
        if event in ('line', 'return'):
            snap(frame)
            pl = pending.pop(id(frame), None)
            if pl is not None:
                loc = dict(frame.f_locals)
                if 'self' in loc:
                    for a, av in getattr(loc['self'], '__dict__', {}).items():
                        loc['self.' + a] = av
                for k, v in loc.items():
                    try: after[(pl, k)].append(copy.deepcopy(v))
                    except Exception: after[(pl, k)].append(v)
        if event == 'line':
            hits[frame.f_lineno] += 1
            pending[id(frame)] = frame.f_lineno
        return tracer
    ns = {}
    exec(compile(code, FN, 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__after__'] = after
    return ret, hist, hits, ns

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN + "2", 'exec'), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, code, text):
    q = c['quote']
    if q not in text:
        return f"quote not in rationale: {q!r}"
    w = c['what']; var = c.get('variable')
    if w == 'call':
        got = plain_eval(code, c['value'])
        return None if got == ret else f"call {c['value']} returns {got!r} != {ret!r}"
    val = lit(c['value'])
    if w == 'value' and 'seq_after_line' in c:
        got = hist['__after__'][(c['seq_after_line'], var)]
        if 'seq_slice' in c:
            got = got[c['seq_slice'][0]:c['seq_slice'][1]]
        return None if got == val else f"{var} after line {c['seq_after_line']}: {got!r} != {val!r}"
    if w == 'value' and 'hist_slice' in c:
        a, b = c['hist_slice']
        got = hist[var][a:b]
        return None if got == val else f"{var} history slice {got!r} != {val!r}"
    if w == 'value':
        if var is None:
            return None if any(val in h for k, h in hist.items() if k != '__after__') else f"value {val!r} never held"
        if var not in hist:
            return f"unknown variable {var}"
        return None if val in hist[var] else f"{var} never holds {val!r} (history {hist[var]!r})"
    if w == 'count':
        line = int(var.split('line')[-1].strip())
        return None if hits[line] == val else f"count {var}: {hits[line]} != {val}"
    if w in ('comparison', 'arith'):
        expr = (c.get('expr') or q.split('=')[0]).strip().strip('`')
        got = eval(expr)
        return None if got == val else f"{w} {expr!r} = {got!r} != {val!r}"
    if w == 'return':
        return None if val == ret else f"return {val!r} != {ret!r}"
    return f"unknown claim kind {w}"

def check_error(item, ret, hist, hits, code):
    e = item['error']; ch = e['check']; t = ch['type']
    text = item['rationale']
    if e['quote'] not in text:
        return f"error quote not in rationale: {e['quote']!r}"
    if t == 'answer':
        if item['direction'] == 'forward':
            return None if lit(item['answer']) != ret else "wrong answer is actually right"
        try:
            got = plain_eval(code, item['answer'])
        except Exception as ex:
            return None
        return None if got != ret else "backward wrong input actually returns output"
    stated = lit(ch['stated']) if 'stated' in ch else lit(e['stated'])
    if t == 'hist':
        h = hist[ch['var']]
        actual = h[ch['index']]
        if actual == stated:
            return f"stated {stated!r} equals actual at index"
        if 'actual' in ch and lit(ch['actual']) != actual:
            return f"declared actual {ch['actual']} != {actual!r}"
        if e.get('held_elsewhere'):
            hv = ch.get('held_var', ch['var'])
            if stated not in hist[hv]:
                return f"held_elsewhere but {stated!r} not in history of {hv}"
        return None
    if t == 'seq':
        seq = hist['__after__'][(ch['line'], ch['var'])]
        actual = seq[ch['index']]
        if actual == stated:
            return "seq value actually right"
        if e.get('held_elsewhere') and stated not in seq and stated not in hist[ch.get('held_var', ch['var'])]:
            return "held_elsewhere but stated value never held"
        return None
    if t == 'absent':
        return None if stated not in hist[ch['var']] else f"{stated!r} is held by {ch['var']}"
    if t == 'count':
        n = hits[ch['line']]
        if n == stated:
            return "count is actually right"
        if lit(e['actual']) != n:
            return f"declared actual {e['actual']} != {n}"
        return None
    if t in ('arith', 'comparison'):
        got = eval(ch['expr'])
        if got == stated:
            return "arith/comparison actually right"
        return None if got == lit(e['actual']) else f"declared actual {e['actual']} != {got!r}"
    return f"unknown check {t}"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0; out = []
    for it in items:
        probs = []
        ret, hist, hits, ns = run(it['code'], it['call'])
        if repr(ret) != it['returned']:
            probs.append(f"returned {ret!r} != {it['returned']}")
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and 'Predicted Output: ' + it['answer'] not in it['rationale']:
            probs.append("answer line mismatch")
        err_quote = it['error']['quote'] if it['error'] else None
        for c in it['claims']:
            if err_quote is not None and c['quote'] == err_quote:
                continue   # the erroneous claim; checked below as false
            p = check_claim(c, ret, hist, hits, it['code'], it['rationale'])
            if p: probs.append(p)
        if it['label'] == 'faithful':
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                if plain_eval(it['code'], it['answer']) != ret: probs.append('backward answer wrong')
        else:
            p = check_error(it, ret, hist, hits, it['code'])
            if p: probs.append('error not false: ' + p)
            if it['error']['kind'] != 'wrong_final_answer' and it['error']['kind'] != 'backward_wrong_input':
                # final answer must still be right
                if it['direction'] == 'forward':
                    if lit(it['answer']) != ret: probs.append('answer should be right')
                else:
                    if plain_eval(it['code'], it['answer']) != ret: probs.append('answer should be right')
        status = 'PASS' if not probs else 'FAIL'
        if probs: bad += 1
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ''.join('\n    ' + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print('\n'.join(out))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
