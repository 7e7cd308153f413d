print("arena-load")
