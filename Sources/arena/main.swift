print("arena")
