print("regress-gate")
