import sys, copy
def run_traced(code, call):
    """Execute code, run call under sys.settrace; return (result, hist, linecounts).
    hist: name -> list of values in order of change (consecutive duplicates removed).
    linecounts: (func, line) -> number of times the line event fired."""
    g = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), g)
    hist, counts = {}, {}
    def rec(name, val, always=False):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if always or not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        snap(frame)
        if event == "line":
            key = (frame.f_code.co_name, frame.f_lineno)
            counts[key] = counts.get(key, 0) + 1
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg, True)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, counts
def plain(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), g)
    return eval(call, g)
